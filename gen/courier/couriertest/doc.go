// Package couriertest is an in-memory stand-in for Courier's Bulk API, for
// tests of code that talks to it. It speaks raw JSON over HTTP and does not
// import the generated client, so it can judge that client independently.
//
// The five operations behave as Courier documents them:
//
//	POST /bulk                    create a job      200 {jobId}        (legacy 201)
//	POST /bulk/{job_id}           add users         204                (legacy 200 {total})
//	POST /bulk/{job_id}/run       run the job once  204                (legacy 202)
//	GET  /bulk/{job_id}           job and counters  200 {job}
//	GET  /bulk/{job_id}/users     users, by cursor  200 {items, paging}
//
// Errors are always application/json bodies {"message": ..., "type": ...}:
// invalid_request_error for 400, 404, 405, 409 and 413, authentication_error
// for 401, rate_limit_error for 429 and api_error for 500.
//
// A job is CREATED until it is run, then PROCESSING, then COMPLETED after a
// set number of get-job polls (WithCompleteAfterPolls) or a set time
// (WithCompleteAfter). Meanwhile its enqueued counter grows to received and
// its users move from PENDING to ENQUEUED, in the order they were added.
//
// POSTs honour the Idempotency-Key header: the first response for a key on
// one endpoint (method and path) is stored and replayed for every repeat
// without running the operation again. Responses to requests that failed
// validation (400), authentication (401), lookup (404, 405) or size (413)
// are not stored, nor are injected faults; a request that arrives while
// another with the same key is in flight gets a 409 and is not stored.
// Keys never expire during the life of a Handler.
//
// Faults (500, 429 with an optional Retry-After, or a reset connection) can
// be injected on every nth request, either before the operation runs (so
// nothing changes) or after it ran and its response was stored (the work is
// done but the caller never hears of it). Stats reports the users that were
// sent, stored and stored more than once, so a test can prove that retries
// did not duplicate anything.
//
// Users are kept as compact JSON in large shared chunks; each costs its JSON
// plus about 64 bytes (slice header, identity hash), so a job of a million
// users is fine.
package couriertest
