// Package handwritten is the floor of the benchmark: the Courier Bulk client
// a person would write in an afternoon with net/http and encoding/json,
// pointers for optional values, no retries, no idempotency keys, no paging
// helper.
package handwritten

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// Client calls Courier's Bulk API.
type Client struct {
	BaseURL string       // e.g. "https://api.courier.com", no trailing slash
	Token   string       // sent as "Authorization: Bearer <Token>" when set
	HTTP    *http.Client // http.DefaultClient when nil
}

// Message is the message of a bulk job.
type Message struct {
	Event    string         `json:"event"`
	Brand    *string        `json:"brand,omitempty"`
	Template *string        `json:"template,omitempty"`
	Content  any            `json:"content,omitempty"`
	Data     map[string]any `json:"data,omitempty"`
	Locale   any            `json:"locale,omitempty"`
	Override map[string]any `json:"override,omitempty"`
	Routing  *Routing       `json:"routing,omitempty"`
	Message  map[string]any `json:"message,omitempty"`
}

// Routing says how a message picks its channels.
type Routing struct {
	Method   string   `json:"method,omitempty"`
	Channels []string `json:"channels,omitempty"`
}

// CreateJobRequest is the body of CreateJob.
type CreateJobRequest struct {
	Message Message `json:"message"`
}

// CreateJobResponse is the answer of CreateJob.
type CreateJobResponse struct {
	JobID string `json:"jobId"`
}

// User is one user added to a job.
type User struct {
	Recipient   *string        `json:"recipient,omitempty"`
	Profile     map[string]any `json:"profile,omitempty"`
	Data        any            `json:"data,omitempty"`
	Preferences map[string]any `json:"preferences,omitempty"`
	To          map[string]any `json:"to,omitempty"`
}

// IngestUsersRequest is the body of IngestUsers.
type IngestUsersRequest struct {
	Users []User `json:"users"`
}

// Job is a bulk job as GetJob returns it.
type Job struct {
	Definition Message `json:"definition"`
	Enqueued   int     `json:"enqueued"`
	Failures   int     `json:"failures"`
	Received   int     `json:"received"`
	Status     string  `json:"status"`
}

// GetJobResponse is the answer of GetJob.
type GetJobResponse struct {
	Job Job `json:"job"`
}

// UserStatus is a user of a job as GetUsers lists it.
type UserStatus struct {
	User
	Status    string  `json:"status"`
	MessageID *string `json:"messageId,omitempty"`
}

// Paging says whether more pages follow.
type Paging struct {
	Cursor *string `json:"cursor,omitempty"`
	More   bool    `json:"more"`
}

// GetUsersResponse is one page of a job's users.
type GetUsersResponse struct {
	Items  []UserStatus `json:"items"`
	Paging Paging       `json:"paging"`
}

// Error is a non-2xx answer.
type Error struct {
	StatusCode int
	Message    string `json:"message"`
	Type       string `json:"type"`
}

func (e *Error) Error() string {
	return fmt.Sprintf("courier: %d %s: %s", e.StatusCode, e.Type, e.Message)
}

// CreateJob opens a bulk job.
func (c *Client) CreateJob(ctx context.Context, req *CreateJobRequest) (*CreateJobResponse, error) {
	var out CreateJobResponse
	if err := c.do(ctx, http.MethodPost, "/bulk", req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// IngestUsers adds users to a job.
func (c *Client) IngestUsers(ctx context.Context, jobID string, req *IngestUsersRequest) error {
	return c.do(ctx, http.MethodPost, "/bulk/"+url.PathEscape(jobID), req, nil)
}

// RunJob starts a job.
func (c *Client) RunJob(ctx context.Context, jobID string) error {
	return c.do(ctx, http.MethodPost, "/bulk/"+url.PathEscape(jobID)+"/run", nil, nil)
}

// GetJob returns a job.
func (c *Client) GetJob(ctx context.Context, jobID string) (*GetJobResponse, error) {
	var out GetJobResponse
	if err := c.do(ctx, http.MethodGet, "/bulk/"+url.PathEscape(jobID), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetUsers returns one page of a job's users; cursor is "" for the first.
func (c *Client) GetUsers(ctx context.Context, jobID, cursor string) (*GetUsersResponse, error) {
	path := "/bulk/" + url.PathEscape(jobID) + "/users"
	if cursor != "" {
		path += "?cursor=" + url.QueryEscape(cursor)
	}
	var out GetUsersResponse
	if err := c.do(ctx, http.MethodGet, path, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (c *Client) do(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, body)
	if err != nil {
		return err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		e := &Error{StatusCode: resp.StatusCode}
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		if json.Unmarshal(b, e) != nil {
			e.Message = string(b)
		}
		return e
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		_, _ = io.Copy(io.Discard, resp.Body)
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(out)
}
