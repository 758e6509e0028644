package courier

// WithSleepForTest exposes withSleep to the external tests of Send, so that
// the client's retries do not wait in real time.
var WithSleepForTest = withSleep
