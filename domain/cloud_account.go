package domain

// CloudAccount is who an API key belongs to.
type CloudAccount struct {
	UserID         string
	OrganizationID string // empty when the user has no organisation
}
