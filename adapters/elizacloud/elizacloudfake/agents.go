package elizacloudfake

import (
	"encoding/json"
	"net/http"
	"time"
	"unicode/utf8"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/google/uuid"
)

type agent struct {
	id, name, status string
	createdAt        time.Time
	jobID            string // the provisioning job while status is provisioning
	snapshots        []map[string]any
}

type job struct {
	id, agentID string
	polls       int
	fail        bool
	status      domain.CloudJobStatus
}

// minAgentBalance is the credit gate on creating and provisioning agents.
var minAgentBalance = domain.MustUSD("5")

// SetProvisionMode changes how later provisions behave.
func (f *Fake) SetProvisionMode(m ProvisionMode) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.opts.ProvisionMode = m
}

// AgentStatus reports an agent's status, or "" when it does not exist.
func (f *Fake) AgentStatus(id string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if a := f.agents[id]; a != nil {
		return a.status
	}
	return ""
}

// AddAgent creates an agent directly (no request), in the given status.
func (f *Fake) AddAgent(name, status string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.addAgentLocked(name, status)
}

func (f *Fake) addAgentLocked(name, status string) string {
	id := uuid.NewString()
	f.agents[id] = &agent{id: id, name: name, status: status, createdAt: f.now().UTC()}
	f.order = append(f.order, id)
	return id
}

func (a *agent) summary() map[string]any {
	return map[string]any{"id": a.id, "agentName": a.name, "status": a.status, "databaseStatus": "ready",
		"lastBackupAt": nil, "lastHeartbeatAt": nil, "errorMessage": nil,
		"createdAt": a.createdAt.Format(time.RFC3339Nano), "updatedAt": a.createdAt.Format(time.RFC3339Nano)}
}

func notFound(w http.ResponseWriter, what string) {
	writeJSON(w, http.StatusNotFound, map[string]any{"success": false, "error": what + " not found", "code": "resource_not_found"})
}

func (f *Fake) listAgents(w http.ResponseWriter, _ *http.Request, _ string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]map[string]any, 0, len(f.order))
	for _, id := range f.order {
		if a := f.agents[id]; a != nil {
			out = append(out, a.summary())
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": out})
}

func (f *Fake) createAgent(w http.ResponseWriter, r *http.Request, _ string) {
	var body struct {
		AgentName       *string           `json:"agentName"`
		AgentConfig     json.RawMessage   `json:"agentConfig"`
		EnvironmentVars map[string]string `json:"environmentVars"`
	}
	if !decodeBody(r, &body) || body.AgentName == nil || *body.AgentName == "" || utf8.RuneCountInString(*body.AgentName) > 100 {
		writeJSON(w, http.StatusBadRequest, map[string]any{"success": false, "error": "Invalid request data",
			"details": []map[string]string{{"path": "agentName", "message": "must be 1..100 characters"}}})
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.balance.Cmp(minAgentBalance) < 0 {
		writeJSON(w, http.StatusPaymentRequired, map[string]any{"success": false, "error": "Insufficient credits", "requiredBalance": 5, "currentBalance": f.balance})
		return
	}
	a := f.agents[f.addAgentLocked(*body.AgentName, "pending")]
	writeJSON(w, http.StatusCreated, map[string]any{"success": true, "data": map[string]any{
		"id": a.id, "agentName": a.name, "status": a.status, "createdAt": a.createdAt.Format(time.RFC3339Nano)}})
}

func (f *Fake) getAgent(w http.ResponseWriter, r *http.Request, _ string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.agents[r.PathValue("id")]
	if a == nil {
		notFound(w, "Agent")
		return
	}
	d := a.summary()
	d["errorCount"] = 0
	if a.status == "running" {
		d["bridgeUrl"] = "https://sandbox.example/" + a.id
	}
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": d})
}

func (f *Fake) deleteAgent(w http.ResponseWriter, r *http.Request, _ string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.agents[r.PathValue("id")]
	switch {
	case a == nil:
		notFound(w, "Agent")
	case a.status == "provisioning":
		writeJSON(w, http.StatusConflict, map[string]any{"success": false, "error": "Agent provisioning is in progress"})
	default:
		delete(f.agents, a.id)
		writeJSON(w, http.StatusOK, map[string]any{"success": true})
	}
}

func (f *Fake) provisionAgent(w http.ResponseWriter, r *http.Request, _ string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.agents[r.PathValue("id")]
	switch {
	case a == nil:
		notFound(w, "Agent")
		return
	case a.status == "running":
		writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": map[string]any{"id": a.id, "agentName": a.name, "status": "running",
			"bridgeUrl": "https://sandbox.example/" + a.id, "healthUrl": "https://sandbox.example/" + a.id + "/health"}})
		return
	case a.status == "provisioning":
		writeJSON(w, http.StatusConflict, map[string]any{"success": false, "created": false, "error": "Agent provisioning is in progress",
			"data": map[string]any{"jobId": a.jobID, "agentId": a.id, "status": "in_progress"}})
		return
	case f.balance.Cmp(minAgentBalance) < 0:
		writeJSON(w, http.StatusPaymentRequired, map[string]any{"success": false, "error": "Insufficient credits", "requiredBalance": 5, "currentBalance": f.balance})
		return
	}
	if f.opts.ProvisionMode == ProvisionSync {
		a.status = "running"
		writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": map[string]any{"id": a.id, "agentName": a.name, "status": "running",
			"bridgeUrl": "https://sandbox.example/" + a.id, "healthUrl": "https://sandbox.example/" + a.id + "/health"}})
		return
	}
	j := &job{id: uuid.NewString(), agentID: a.id, fail: f.opts.ProvisionMode == ProvisionFail, status: domain.JobPending}
	f.jobs[j.id] = j
	a.status, a.jobID = "provisioning", j.id
	writeJSON(w, http.StatusAccepted, map[string]any{"success": true, "created": true,
		"data":    map[string]any{"jobId": j.id, "agentId": a.id, "status": "pending", "estimatedCompletionAt": f.now().Add(90 * time.Second).UTC().Format(time.RFC3339Nano)},
		"polling": map[string]any{"endpoint": "/api/v1/jobs/" + j.id, "intervalMs": 5000, "expectedDurationMs": 90000}})
}

// getJob advances the job one step per poll: pending, in_progress, then
// completed (the agent runs) or failed (the agent is in error).
func (f *Fake) getJob(w http.ResponseWriter, r *http.Request, _ string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	j := f.jobs[r.PathValue("id")]
	if j == nil {
		notFound(w, "Job")
		return
	}
	if !j.status.Done() {
		j.polls++
		switch {
		case j.polls >= f.opts.JobPolls && j.fail:
			j.status = domain.JobFailed
		case j.polls >= f.opts.JobPolls:
			j.status = domain.JobCompleted
		case j.polls > 1:
			j.status = domain.JobInProgress
		}
		if a := f.agents[j.agentID]; a != nil && j.status.Done() {
			a.status, a.jobID = "running", ""
			if j.fail {
				a.status = "error"
			}
		}
	}
	var errMsg any
	if j.status == domain.JobFailed {
		errMsg = "sandbox failed to start"
	}
	writeJSON(w, http.StatusOK, map[string]any{"success": true,
		"data":    map[string]any{"id": j.id, "type": "agent_provision", "status": j.status, "result": nil, "error": errMsg, "attempts": j.polls},
		"polling": map[string]any{"shouldContinue": !j.status.Done()}})
}

func (f *Fake) bridge(w http.ResponseWriter, r *http.Request, _ string) {
	var req struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      any             `json:"id"`
		Method  string          `json:"method"`
		Params  json.RawMessage `json:"params"`
	}
	if !decodeBody(r, &req) || req.JSONRPC != "2.0" || req.Method == "" {
		writeJSON(w, http.StatusBadRequest, map[string]any{"success": false, "error": "Invalid JSON-RPC request"})
		return
	}
	f.mu.Lock()
	a := f.agents[r.PathValue("id")]
	running := a != nil && a.status == "running"
	f.mu.Unlock()
	if a == nil {
		notFound(w, "Agent")
		return
	}
	reply := map[string]any{"jsonrpc": "2.0", "id": req.ID}
	switch {
	case !running:
		reply["error"] = map[string]any{"code": -32000, "message": "Sandbox is not running"}
	case req.Method == "heartbeat" || req.Method == "status.get":
		reply["result"] = map[string]any{"ok": true}
	case req.Method == "message.send":
		var p struct {
			Text string `json:"text"`
		}
		_ = json.Unmarshal(req.Params, &p)
		reply["result"] = map[string]any{"text": "echo: " + p.Text}
	default:
		reply["error"] = map[string]any{"code": -32601, "message": "Method not found"}
	}
	writeJSON(w, http.StatusOK, reply)
}

func (f *Fake) snapshot(w http.ResponseWriter, r *http.Request, _ string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.agents[r.PathValue("id")]
	if a == nil {
		notFound(w, "Agent")
		return
	}
	snap := map[string]any{"id": uuid.NewString(), "snapshotType": "auto",
		"sizeBytes": 1024 * (len(a.snapshots) + 1), "createdAt": f.now().UTC().Format(time.RFC3339Nano)}
	a.snapshots = append(a.snapshots, snap)
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": snap})
}

// backups is GET .../agents/:id/backups: the agent's snapshots, newest first.
func (f *Fake) backups(w http.ResponseWriter, r *http.Request, _ string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.agents[r.PathValue("id")]
	if a == nil {
		notFound(w, "Agent")
		return
	}
	out := make([]map[string]any, 0, len(a.snapshots))
	for i := len(a.snapshots) - 1; i >= 0; i-- {
		out = append(out, a.snapshots[i])
	}
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": out})
}

// SetAgentStatus forces an agent's status (e.g. "stopped" to make its
// heartbeat fail). It reports whether the agent exists.
func (f *Fake) SetAgentStatus(id, status string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.agents[id]
	if a == nil {
		return false
	}
	a.status = status
	return true
}
