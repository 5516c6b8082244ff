// General vocabulary of roles, shared by role finding and the check on people's names.
import { checkedSet } from '../checked.ts';

// Head nouns of role phrases: the role ends with one of these (general vocabulary, no names).
export const HEADS: ReadonlySet<string> = checkedSet('HEADS', 
  `minister secretary president chancellor premier chief head leader spokesman spokeswoman spokesperson
  aide adviser advisor envoy ambassador general commander admiral governor senator congressman
  congresswoman mayor director chairman chairwoman chair chairperson ceo cfo founder king queen prince
  princess pope judge justice commissioner official officer analyst economist professor editor
  correspondent negotiator diplomat lawmaker mp mep vice-president secretary-general executive
  prosecutor attorney sheriff coach captain manager emir sultan ayatollah cardinal archbishop bishop
  speaker whip representative rep sen gov boss counsel pm taoiseach dictator monarch colonel lieutenant
  sergeant marshal president-elect deputy`.split(/\s+/),
);

// Capitalised words that open a sentence or clause rather than belong to a role or a name.
export const CAP_STOP: ReadonlySet<string> = checkedSet('CAP_STOP', 
  `The A An This That These Those Last Next Yesterday Today Tomorrow On In At By For From With And But Or
  As After Before When While Where Asked Speaking Meanwhile However Yet Also Then Now So If Although
  Though Since Until He She They It We I You His Her Their Its Our My Your Monday Tuesday Wednesday
  Thursday Friday Saturday Sunday January February March April May June July August September October
  November December Former Both Each Every Some Many Most Several Other Such Only Even Still Earlier
  Later`.split(/\s+/),
);
export const TITLE: ReadonlySet<string> = checkedSet('TITLE', ['Lord', 'Lady', 'Sir', 'Dame', 'Baroness', 'Baron', 'Dr', 'Mr', 'Mrs', 'Ms', 'Prof', 'Professor', 'General', 'Gen']);
