package domain

import "math/big"

// TokenMetadata is what a token says about itself. It never changes, so it
// is cached for good.
type TokenMetadata struct {
	Contract      string // as the chain spells it: EIP-55 for EVM, base58 mint for Solana
	Symbol        string
	Name          string
	Decimals      uint8
	DecimalsKnown bool // false when the token declares no decimals: its amounts cannot be shown exactly
	LogoURL       string
}

// Defaults for tokens that do not name themselves.
const (
	UnknownTokenSymbol = "???"
	UnknownTokenName   = "Unknown Token"
)

// WithDefaults fills a blank symbol or name with the placeholders the
// reference shows, so clients never render an empty label.
func (m TokenMetadata) WithDefaults() TokenMetadata {
	if m.Symbol == "" {
		m.Symbol = UnknownTokenSymbol
	}
	if m.Name == "" {
		m.Name = UnknownTokenName
	}
	return m
}

// TokenAmount is a raw token balance before metadata is known.
type TokenAmount struct {
	Contract string
	Raw      *big.Int
}

// EVMHoldings is what an address holds on one EVM chain, in raw units: the
// native coin and every ERC-20 with a non-zero balance.
type EVMHoldings struct {
	Native *big.Int
	Tokens []TokenAmount
}

// TokenBalance is a token held, with its metadata and, when known, its price.
type TokenBalance struct {
	TokenMetadata
	Raw      *big.Int
	PriceUSD *Decimal // nil when no price source knows the token
}

// Amount renders the balance exactly in whole tokens ("1.234567").
func (b TokenBalance) Amount() string { return FormatUnits(b.Raw, b.Decimals) }

// ValueUSD is balance × price, or nil without a price.
func (b TokenBalance) ValueUSD() *Decimal { return valueOf(b.Raw, b.Decimals, b.PriceUSD) }

// ChainBalance is one EVM chain's row in the balances answer. Err is set
// when the chain could not be read; the other chains are unaffected.
type ChainBalance struct {
	Chain          EVMChain
	Native         *big.Int
	NativePriceUSD *Decimal
	Tokens         []TokenBalance
	Err            error
}

// NativeAmount renders the native balance exactly ("1.5").
func (c ChainBalance) NativeAmount() string { return FormatUnits(c.Native, NativeDecimals) }

// NativeValueUSD is the native balance × price, or nil without a price.
func (c ChainBalance) NativeValueUSD() *Decimal {
	return valueOf(c.Native, NativeDecimals, c.NativePriceUSD)
}

// EVMBalances is the EVM side of the balances answer.
type EVMBalances struct {
	Address string
	Chains  []ChainBalance
}

// SOLDecimals is the decimals of SOL: 10^9 lamports make one SOL.
const SOLDecimals = 9

// SolanaHoldings is what a Solana address holds: lamports, the SOL price
// when the source knows it, and SPL tokens with metadata and prices.
type SolanaHoldings struct {
	Lamports    *big.Int
	SOLPriceUSD *Decimal
	Tokens      []TokenBalance
}

// SolanaBalances is the Solana side of the balances answer. Err is set when
// Solana could not be read.
type SolanaBalances struct {
	Address string
	SolanaHoldings
	Err error
}

// SOLAmount renders the SOL balance exactly ("0.5").
func (s SolanaBalances) SOLAmount() string { return FormatUnits(s.Lamports, SOLDecimals) }

// SOLValueUSD is the SOL balance × price, or nil without a price.
func (s SolanaBalances) SOLValueUSD() *Decimal {
	return valueOf(s.Lamports, SOLDecimals, s.SOLPriceUSD)
}

// Balances is the whole answer; a nil side is not configured.
type Balances struct {
	EVM    *EVMBalances
	Solana *SolanaBalances
}

func valueOf(raw *big.Int, decimals uint8, price *Decimal) *Decimal {
	if price == nil {
		return nil
	}
	v := price.Mul(DecimalFromUnits(raw, decimals))
	return &v
}

// TokenRef names an ERC-20 on one EVM chain, e.g. to ask for its price.
type TokenRef struct {
	ChainID  uint64
	Contract string // lower-case 0x hex, so refs compare equal whatever the source's casing
}

// WrappedSOLMint is the mint of wrapped SOL; price sources price SOL by it.
const WrappedSOLMint = "So11111111111111111111111111111111111111112"
