package transport_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/agentwallet/agentwallet/adapters/elizacloud/elizacloudfake"
	"github.com/agentwallet/agentwallet/app"
)

func TestCloudAgentsNeedLogin(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, nil)
	if code, body := e.do(http.MethodGet, "/api/cloud/agents", nil); code != http.StatusUnauthorized {
		t.Errorf("list without login = %d %v", code, body)
	}
	if code, _ := e.do(http.MethodPost, "/api/cloud/agents", map[string]any{"agentName": "a"}); code != http.StatusUnauthorized {
		t.Errorf("create without login = %d", code)
	}
	// A bad id is a 400 whatever the login state.
	if code, _ := e.do(http.MethodPost, "/api/cloud/agents/not-a-uuid/provision", nil); code != http.StatusBadRequest {
		t.Errorf("provision with a bad id = %d", code)
	}
}

func TestCloudAgentsCreateListAndValidation(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, nil)
	e.login()
	for _, bad := range []any{map[string]any{}, map[string]any{"agentName": "  "}, map[string]any{"agentName": 7}, []int{1}} {
		if code, body := e.do(http.MethodPost, "/api/cloud/agents", bad); code != http.StatusBadRequest {
			t.Errorf("create %v = %d %v, want 400", bad, code, body)
		}
	}
	code, body := e.do(http.MethodPost, "/api/cloud/agents", map[string]any{"agentName": "My Cloud Agent",
		"agentConfig": map[string]any{"character": "eliza"}, "environmentVars": map[string]string{"K": "v"}})
	agent, _ := body["agent"].(map[string]any)
	if code != http.StatusCreated || body["ok"] != true || agent["name"] != "My Cloud Agent" || agent["status"] != "pending" {
		t.Fatalf("create = %d %v", code, body)
	}
	code, body = e.do(http.MethodGet, "/api/cloud/agents", nil)
	list, _ := body["agents"].([]any)
	if code != http.StatusOK || len(list) != 1 || list[0].(map[string]any)["id"] != agent["id"] || list[0].(map[string]any)["createdAt"] == nil {
		t.Errorf("list = %d %v", code, body)
	}
	e.fake.SetBalance("1")
	if code, body := e.do(http.MethodPost, "/api/cloud/agents", map[string]any{"agentName": "poor"}); code != http.StatusConflict || body["code"] != "INSUFFICIENT_CREDITS" {
		t.Errorf("create with low credits = %d %v", code, body)
	}
}

func TestCloudAgentProvisionAsyncPollsJobAndSurvivesRestart(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{ProvisionMode: elizacloudfake.ProvisionAsync, JobPolls: 3}, nil)
	e.login()
	id := e.fake.AddAgent("Async Agent", "pending")
	code, body := e.do(http.MethodPost, "/api/cloud/agents/"+id+"/provision", nil)
	status, _ := body["status"].(map[string]any)
	if code != http.StatusOK || body["agentId"] != id || body["agentName"] != "Async Agent" || status["connected"] != true {
		t.Fatalf("provision = %d %v", code, body)
	}
	if n := e.fake.Count(http.MethodGet, "/api/v1/jobs/"+polledJobID(t, e)); n != 3 {
		t.Errorf("job polled %d times, want 3 (until completed)", n)
	}
	if e.fake.AgentStatus(id) != "running" {
		t.Errorf("agent status = %s", e.fake.AgentStatus(id))
	}
	e.restart()
	active, err := e.app.Cloud.ActiveAgent(t.Context())
	if err != nil || string(active) != id {
		t.Errorf("active agent after restart = %q, %v", active, err)
	}
}

// polledJobID returns the provisioning job the daemon polled.
func polledJobID(t *testing.T, e *cloudEnv) string {
	t.Helper()
	for _, r := range e.fake.Requests() {
		if job, ok := strings.CutPrefix(r.Path, "/api/v1/jobs/"); ok {
			return job
		}
	}
	t.Fatal("no job was polled")
	return ""
}

func TestCloudAgentProvisionFailures(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{ProvisionMode: elizacloudfake.ProvisionFail}, nil)
	e.login()
	id := e.fake.AddAgent("Doomed", "pending")
	if code, body := e.do(http.MethodPost, "/api/cloud/agents/"+id+"/provision", nil); code != http.StatusBadGateway || body["code"] != "CLOUD_PROVISION_FAILED" {
		t.Errorf("failed job = %d %v", code, body)
	}
	if code, _ := e.do(http.MethodPost, "/api/cloud/agents/"+uuid.NewString()+"/provision", nil); code != http.StatusNotFound {
		t.Errorf("unknown agent = %d", code)
	}
	if active, _ := e.app.Cloud.ActiveAgent(t.Context()); active != "" {
		t.Errorf("a failed provision left %q active", active)
	}
}

func TestCloudAgentProvisionWaitIsBounded(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{ProvisionMode: elizacloudfake.ProvisionAsync, JobPolls: 1 << 30}, func(c *app.Config) {
		c.Cloud.ProvisionWait = 20 * time.Millisecond
	})
	e.login()
	id := e.fake.AddAgent("Slow", "pending")
	if code, body := e.do(http.MethodPost, "/api/cloud/agents/"+id+"/provision", nil); code != http.StatusGatewayTimeout || body["code"] != "CLOUD_PROVISION_PENDING" {
		t.Errorf("never-finishing job = %d %v", code, body)
	}
}

func TestCloudAgentConnectAndShutdown(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, nil)
	e.login()
	a := e.fake.AddAgent("A", "pending")
	b := e.fake.AddAgent("B", "pending")
	if code, body := e.do(http.MethodPost, "/api/cloud/agents/"+a+"/provision", nil); code != http.StatusOK {
		t.Fatalf("provision A = %d %v", code, body)
	}
	// Connecting to B disconnects A first: even when B fails, A is no
	// longer active.
	e.fake.SetFault("/api/v1/milady/agents/"+b+"/provision", elizacloudfake.Fault{Status: 500})
	if code, _ := e.do(http.MethodPost, "/api/cloud/agents/"+b+"/connect", nil); code != http.StatusBadGateway {
		t.Errorf("connect B with the cloud failing = %d", code)
	}
	if active, _ := e.app.Cloud.ActiveAgent(t.Context()); active != "" {
		t.Errorf("active after a failed connect = %q, want A disconnected", active)
	}
	e.fake.SetFault("/api/v1/milady/agents/"+b+"/provision", elizacloudfake.Fault{})
	if code, body := e.do(http.MethodPost, "/api/cloud/agents/"+b+"/connect", nil); code != http.StatusOK || body["agentName"] != "B" {
		t.Fatalf("connect B = %d %v", code, body)
	}
	// Shutting down an agent that is not active leaves the active one.
	if code, body := e.do(http.MethodPost, "/api/cloud/agents/"+a+"/shutdown", nil); code != http.StatusOK || body["status"] != "stopped" || body["agentId"] != a {
		t.Fatalf("shutdown A = %d %v", code, body)
	}
	if active, _ := e.app.Cloud.ActiveAgent(t.Context()); string(active) != b {
		t.Errorf("active after shutting down another agent = %q, want B", active)
	}
	// Shutting down the active agent disconnects it, then deletes it.
	if code, _ := e.do(http.MethodPost, "/api/cloud/agents/"+b+"/shutdown", nil); code != http.StatusOK {
		t.Fatalf("shutdown B = %d", code)
	}
	if active, _ := e.app.Cloud.ActiveAgent(t.Context()); active != "" || e.fake.AgentStatus(b) != "" {
		t.Errorf("after shutting down the active agent: active %q, cloud status %q", active, e.fake.AgentStatus(b))
	}
	if code, _ := e.do(http.MethodPost, "/api/cloud/agents/"+b+"/shutdown", nil); code != http.StatusNotFound {
		t.Errorf("shutdown of a deleted agent = %d", code)
	}
}
