package app

import (
	"context"
	"errors"

	"github.com/google/uuid"

	"github.com/agentwallet/agentwallet/domain"
)

// LoginStart is the answer to starting a browser login.
type LoginStart struct {
	SessionID  string
	BrowserURL string
}

// StartLogin mints a session id, registers it with the cloud and returns the
// page where the user signs in. A refused cloud URL is KindInvalid, a slow
// cloud KindTimeout, any other failure KindUpstream.
func (c *Cloud) StartLogin(ctx context.Context) (LoginStart, error) {
	id := uuid.NewString()
	if err := c.cloud.Login.CreateLoginSession(ctx, id); err != nil {
		// Only the guard's refusal of the configured URL is a 400; the
		// cloud's own 4xx is the cloud failing us (502).
		if domain.CodeOf(err) == domain.CodeUnsafeUpstream || domain.KindOf(err) == domain.KindTimeout {
			return LoginStart{}, err
		}
		return LoginStart{}, domain.Errorf(domain.KindUpstream, "Failed to create auth session with Eliza Cloud: %s", domain.MessageOf(err)).
			WithCode(domain.CodeOf(err)).Wrap(err)
	}
	return LoginStart{SessionID: id, BrowserURL: c.cloud.Login.BrowserURL(id)}, nil
}

// LoginStatus is the state of a login session.
type LoginStatus struct {
	Status    domain.CloudLoginStatus
	KeyPrefix string // set when authenticated
	Error     string // why, for expired and error
}

// maxSavedSessions bounds the memory of sessions whose key was saved.
const maxSavedSessions = 64

// PollLogin polls the session and, when the cloud releases the key, saves it
// sealed and starts using it. Answers the cloud gave (expired, an HTTP
// error) come back as a status with a nil error; failures to get an answer
// (timeout, network, redirect, malformed) come back as an error, with the
// status for the body.
func (c *Cloud) PollLogin(ctx context.Context, sessionID string) (LoginStatus, error) {
	id, err := domain.ParseCloudLoginSessionID(sessionID)
	if err != nil {
		return LoginStatus{Status: domain.LoginError, Error: domain.MessageOf(err)}, err
	}
	c.mu.Lock()
	epoch := c.epoch
	c.mu.Unlock()
	poll, err := c.cloud.Login.PollLoginSession(ctx, id)
	if err != nil {
		var he *domain.UpstreamHTTPError
		switch {
		case domain.KindOf(err) == domain.KindNotFound:
			return LoginStatus{Status: domain.LoginExpired, Error: "Session not found or expired"}, nil
		case errors.As(err, &he):
			return LoginStatus{Status: domain.LoginError, Error: domain.MessageOf(err)}, nil
		}
		return LoginStatus{Status: domain.LoginError, Error: domain.MessageOf(err)}, err
	}
	c.mu.Lock()
	saved := c.savedSession[id]
	c.mu.Unlock()
	switch st := poll.Outcome(saved); st {
	case domain.LoginAuthenticated:
		if poll.APIKey.IsZero() {
			return LoginStatus{Status: st, KeyPrefix: c.currentKey().Prefix()}, nil
		}
		if err := c.saveLogin(ctx, id, poll.APIKey, epoch); err != nil {
			return LoginStatus{Status: domain.LoginError, Error: domain.MessageOf(err)}, err
		}
		c.provisionAfterLogin(ctx, poll.APIKey)
		return LoginStatus{Status: st, KeyPrefix: poll.APIKey.Prefix()}, nil
	case domain.LoginError:
		return LoginStatus{Status: st, Error: "Eliza Cloud reported the session authenticated without a key, or an unknown state"}, nil
	default:
		return LoginStatus{Status: st}, nil
	}
}

// saveLogin stores key sealed and switches to it, unless a disconnect
// happened while the poll was in flight.
func (c *Cloud) saveLogin(ctx context.Context, sessionID string, key domain.CloudAPIKey, epoch uint64) error {
	sealed, err := c.sealKey(key)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.epoch != epoch {
		return domain.Errorf(domain.KindConflict, "disconnected while the login was completing; log in again")
	}
	if err := c.settings.UpdateSettings(ctx, map[string]*string{settingCloudKey: &sealed}); err != nil {
		return err
	}
	c.key, c.account, c.accountErr = key, nil, nil
	if len(c.savedSession) >= maxSavedSessions {
		clear(c.savedSession)
	}
	c.savedSession[sessionID] = true
	return nil
}

// provisionAfterLogin binds cloud wallets after a login when the feature is
// on. It is best effort: failures are logged, and the login stands.
func (c *Cloud) provisionAfterLogin(ctx context.Context, key domain.CloudAPIKey) {
	if !c.WalletFeatureEnabled(ctx) {
		return
	}
	agent, _ := c.agentForWallets(ctx)
	res, err := c.refreshWallets(ctx, key, agent)
	if err != nil {
		c.log.WarnContext(ctx, "cloud wallet provisioning after login failed", "err", err.Error())
		return
	}
	for _, w := range res.Warnings {
		c.log.WarnContext(ctx, "cloud wallet provisioning after login", "warning", w)
	}
}
