package app

// HasAPIKey reports whether a cloud API key is in use (configured or from a
// login), without asking the cloud; the wallet config view's
// cloudManagedAccess needs only that.
func (c *Cloud) HasAPIKey() bool { return !c.currentKey().IsZero() }
