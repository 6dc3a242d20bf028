package domain

import (
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// CloudAgentID identifies an Eliza Cloud agent: a UUID in canonical
// lower-case form.
type CloudAgentID string

// ParseCloudAgentID accepts only the canonical 36-character UUID form, so the
// id can be put into an upstream path as is.
func ParseCloudAgentID(s string) (CloudAgentID, error) {
	s = strings.TrimSpace(s)
	id, err := uuid.Parse(s)
	if err != nil || len(s) != 36 {
		return "", Errorf(KindInvalid, "invalid agent ID %q: must be a UUID", Clip(s, 40)).WithCode("INVALID_AGENT_ID")
	}
	return CloudAgentID(id.String()), nil
}

// CloudAgentStatus is a cloud agent's lifecycle state as the cloud reports
// it. Values the cloud adds later are kept verbatim for display.
type CloudAgentStatus string

// The agent states the cloud documents.
const (
	AgentPending      CloudAgentStatus = "pending"
	AgentProvisioning CloudAgentStatus = "provisioning"
	AgentRunning      CloudAgentStatus = "running"
	AgentStopped      CloudAgentStatus = "stopped"
	AgentDisconnected CloudAgentStatus = "disconnected"
	AgentError        CloudAgentStatus = "error"
)

// CloudAgent is an agent hosted on Eliza Cloud.
type CloudAgent struct {
	ID        CloudAgentID
	Name      string
	Status    CloudAgentStatus
	CreatedAt time.Time // zero when the cloud did not say
}

// Limits on a new agent, matching what the cloud validates, so a bad request
// fails locally with a clear message.
const (
	maxAgentName    = 100
	maxAgentEnvVars = 200
	maxAgentEnvKey  = 256
	maxAgentEnvVal  = 32 << 10
)

// NewCloudAgent is a request to create a cloud agent.
type NewCloudAgent struct {
	Name   string            // 1..100 characters after trimming
	Config json.RawMessage   // optional JSON object, passed to the cloud untouched
	Env    map[string]string // optional environment variables for the agent
}

// Validate checks the request and returns it with the name trimmed.
func (a NewCloudAgent) Validate() (NewCloudAgent, error) {
	a.Name = strings.TrimSpace(a.Name)
	switch {
	case a.Name == "":
		return a, Errorf(KindInvalid, "agentName is required")
	case utf8.RuneCountInString(a.Name) > maxAgentName:
		return a, Errorf(KindInvalid, "agentName must be at most %d characters", maxAgentName)
	case !utf8.ValidString(a.Name):
		return a, Errorf(KindInvalid, "agentName is not valid UTF-8")
	}
	if len(a.Config) > 0 && string(a.Config) != "null" {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(a.Config, &obj); err != nil {
			return a, Errorf(KindInvalid, "agentConfig must be a JSON object")
		}
	}
	if len(a.Env) > maxAgentEnvVars {
		return a, Errorf(KindInvalid, "environmentVars has more than %d entries", maxAgentEnvVars)
	}
	for k, v := range a.Env {
		if k == "" || len(k) > maxAgentEnvKey || len(v) > maxAgentEnvVal {
			return a, Errorf(KindInvalid, "environmentVars has an empty or oversized entry")
		}
	}
	return a, nil
}

// CloudProvisioning is the cloud's answer to a provision request: either the
// agent is already running, or a job was started that must be polled.
type CloudProvisioning struct {
	Running bool   // the agent is up; no job to wait for
	JobID   string // set when Running is false
}

// CloudJobStatus is the state of an asynchronous cloud job.
type CloudJobStatus string

// The job states the cloud reports.
const (
	JobPending    CloudJobStatus = "pending"
	JobInProgress CloudJobStatus = "in_progress"
	JobCompleted  CloudJobStatus = "completed"
	JobFailed     CloudJobStatus = "failed"
)

// Done reports whether the job has finished, either way.
func (s CloudJobStatus) Done() bool { return s == JobCompleted || s == JobFailed }

// CloudJob is an asynchronous cloud job such as an agent provisioning.
type CloudJob struct {
	ID     string
	Status CloudJobStatus
	Error  string // the cloud's reason when Status is failed
}
