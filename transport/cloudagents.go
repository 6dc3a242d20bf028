package transport

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/agentwallet/agentwallet/domain"
)

type cloudAgentJSON struct {
	ID        domain.CloudAgentID     `json:"id"`
	Name      string                  `json:"name"`
	Status    domain.CloudAgentStatus `json:"status"`
	CreatedAt *string                 `json:"createdAt,omitempty"`
}

func agentJSON(a domain.CloudAgent) cloudAgentJSON {
	out := cloudAgentJSON{ID: a.ID, Name: a.Name, Status: a.Status}
	if !a.CreatedAt.IsZero() {
		out.CreatedAt = ptrTo(a.CreatedAt.UTC().Format(time.RFC3339))
	}
	return out
}

func (h cloudHandlers) listAgents(c *gin.Context) {
	as, err := h.cloud.ListAgents(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	out := make([]cloudAgentJSON, 0, len(as))
	for _, a := range as {
		out = append(out, agentJSON(a))
	}
	c.JSON(http.StatusOK, gin.H{"ok": true, "agents": out})
}

type createAgentRequest struct {
	AgentName       string            `json:"agentName"`
	AgentConfig     json.RawMessage   `json:"agentConfig"`
	EnvironmentVars map[string]string `json:"environmentVars"`
}

func (h cloudHandlers) createAgent(c *gin.Context) {
	var req createAgentRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	a, err := h.cloud.CreateAgent(c.Request.Context(), domain.NewCloudAgent{Name: req.AgentName, Config: req.AgentConfig, Env: req.EnvironmentVars})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"ok": true, "agent": agentJSON(a)})
}

type agentConnectionResponse struct {
	OK        bool                `json:"ok"`
	AgentID   domain.CloudAgentID `json:"agentId"`
	AgentName string              `json:"agentName"`
	Status    struct {
		Connected bool `json:"connected"`
	} `json:"status"`
}

func (h cloudHandlers) provisionAgent(c *gin.Context) {
	res, err := h.cloud.ProvisionAgent(c.Request.Context(), c.Param("id"))
	h.writeConnection(c, res.AgentID, res.AgentName, res.Connected, err)
}

func (h cloudHandlers) connectAgent(c *gin.Context) {
	res, err := h.cloud.ConnectAgent(c.Request.Context(), c.Param("id"))
	h.writeConnection(c, res.AgentID, res.AgentName, res.Connected, err)
}

func (h cloudHandlers) writeConnection(c *gin.Context, id domain.CloudAgentID, name string, connected bool, err error) {
	if err != nil {
		writeError(c, err)
		return
	}
	out := agentConnectionResponse{OK: true, AgentID: id, AgentName: name}
	out.Status.Connected = connected
	c.JSON(http.StatusOK, out)
}

func (h cloudHandlers) shutdownAgent(c *gin.Context) {
	id, err := h.cloud.ShutdownAgent(c.Request.Context(), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"ok": true, "agentId": id, "status": "stopped"})
}
