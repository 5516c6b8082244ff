// General vocabulary of roles, shared by role finding and the check on people's names.

// Head nouns of role phrases: the role ends with one of these (general vocabulary, no names).
export const HEADS = new Set(
  `minister secretary president chancellor premier chief head leader spokesman spokeswoman spokesperson
  aide adviser advisor envoy ambassador general commander admiral governor senator congressman
  congresswoman mayor director chairman chairwoman chair chairperson ceo cfo founder king queen prince
  princess pope judge justice commissioner official officer analyst economist professor editor
  correspondent negotiator diplomat lawmaker mp mep vice-president secretary-general executive
  prosecutor attorney sheriff coach captain manager emir sultan ayatollah cardinal archbishop bishop
  speaker whip representative rep sen gov boss counsel pm taoiseach dictator monarch colonel lieutenant
  sergeant marshal president-elect deputy`.split(/\s+/),
);
