// General English vocabulary the rule-based extractor relies on: speech verbs, honorifics, role
// nouns, pronouns, words for unnamed sources and organisations. No names of people live here.
// Every list is checked as it loads: a key or word listed twice is an error, not a silent override.
import { checkedMap, checkedSet } from './checked.ts';
import { SPEECH_FORMS } from './speech-forms.ts';
import { CORE_SPEECH_VERB_BASES } from './speech-verbs.ts';

/** Every inflection of every speech verb (derived from the bases with the lemmatizer). */
export const SPEECH_VERBS: ReadonlySet<string> = new Set(Object.values(SPEECH_FORMS).flat());

/** Verbs that introduce what someone said most directly; preferred when a sentence has several. */
export const CORE_SPEECH_VERBS: ReadonlySet<string> = new Set(CORE_SPEECH_VERB_BASES.flatMap((b) => SPEECH_FORMS[b] ?? [b]));

/** Words that open reported speech with no verb ("according to X"). */
export const ACCORDING_TO = /\baccording to\s*$/i;

/** Honorifics written before a name; value is the gender they imply, if any. */
export const HONORIFICS: ReadonlyMap<string, 'm' | 'f' | null> = checkedMap('HONORIFICS', [
  ['mr', 'm'], ['mr.', 'm'], ['mrs', 'f'], ['mrs.', 'f'], ['ms', 'f'], ['ms.', 'f'], ['miss', 'f'], ['mx', null],
  ['mx.', null], ['sir', 'm'], ['dame', 'f'], ['lord', 'm'], ['lady', 'f'], ['baroness', 'f'], ['baron', 'm'],
  ['dr', null], ['dr.', null], ['prof', null], ['prof.', null], ['professor', null], ['rev', null], ['rev.', null],
  ['father', 'm'], ['sister', 'f'], ['king', 'm'], ['queen', 'f'], ['prince', 'm'], ['princess', 'f'],
  ['sheikh', 'm'], ['rabbi', null], ['imam', 'm'], ['pope', 'm'], ['judge', null], ['justice', null],
]);

/** Titles that are also roles when written before a name ("Sen. Doe", "President X", "Gov. X"). */
export const ROLE_TITLES: ReadonlyMap<string, string> = checkedMap('ROLE_TITLES', [
  ['sen', 'Senator'], ['del', 'Delegate'], ['del.', 'Delegate'], ['delegate', 'Delegate'], ['sen.', 'Senator'], ['senator', 'Senator'], ['rep', 'Representative'], ['rep.', 'Representative'],
  ['representative', 'Representative'], ['congressman', 'Congressman'], ['congresswoman', 'Congresswoman'],
  ['gov', 'Governor'], ['gov.', 'Governor'], ['governor', 'Governor'], ['president', 'President'],
  ['vice', 'Vice President'], ['mayor', 'Mayor'], ['chancellor', 'Chancellor'], ['minister', 'Minister'],
  ['secretary', 'Secretary'], ['speaker', 'Speaker'], ['chairman', 'Chairman'], ['chairwoman', 'Chairwoman'],
  ['chair', 'Chair'], ['gen', 'General'], ['gen.', 'General'], ['general', 'General'], ['col', 'Colonel'],
  ['col.', 'Colonel'], ['colonel', 'Colonel'], ['lt', 'Lieutenant'], ['lt.', 'Lieutenant'], ['capt', 'Captain'],
  ['capt.', 'Captain'], ['captain', 'Captain'], ['adm', 'Admiral'], ['adm.', 'Admiral'], ['admiral', 'Admiral'],
  ['sgt', 'Sergeant'], ['sgt.', 'Sergeant'], ['sergeant', 'Sergeant'], ['commissioner', 'Commissioner'],
  ['ambassador', 'Ambassador'], ['attorney', 'Attorney'], ['premier', 'Premier'], ['leader', 'Leader'],
  ['candidate', 'candidate'], ['nominee', 'nominee'], ['director', 'Director'], ['chief', 'Chief'], ['officer', 'Officer'],
  ['spokesman', 'spokesman'], ['spokeswoman', 'spokeswoman'], ['spokesperson', 'spokesperson'],
  ['envoy', 'envoy'], ['adviser', 'adviser'], ['advisor', 'advisor'], ['aide', 'aide'], ['councillor', 'Councillor'],
  ['councilman', 'Councilman'], ['councilwoman', 'Councilwoman'], ['treasurer', 'Treasurer'], ['manager', 'manager'],
  ['strategist', 'strategist'], ['pollster', 'pollster'], ['analyst', 'analyst'], ['economist', 'economist'],
  ['host', 'host'], ['anchor', 'anchor'], ['correspondent', 'correspondent'], ['reporter', 'reporter'],
  ['columnist', 'columnist'], ['editor', 'editor'], ['founder', 'founder'], ['ceo', 'CEO'], ['executive', 'executive'],
  ['president-elect', 'President-elect'], ['pm', 'Prime Minister'], ['mp', 'MP'], ['mep', 'MEP'], ['whip', 'Whip'],
  ['justice', 'Justice'], ['judge', 'Judge'], ['prosecutor', 'prosecutor'], ['lawyer', 'lawyer'], ['attorney-general', 'Attorney General'],
  ['commander', 'Commander'], ['head', 'head'], ['boss', 'boss'], ['professor', 'Professor'], ['rabbi', 'Rabbi'],
  ['deputy', 'Deputy'], ['foreign', 'Foreign'], ['prime', 'Prime'], ['sheriff', 'Sheriff'],
  ['superintendent', 'Superintendent'], ['detective', 'Detective'], ['inspector', 'Inspector'],
  ['activist', 'activist'], ['organizer', 'organizer'], ['organiser', 'organiser'], ['chairperson', 'Chairperson'],
  ['moderator', 'moderator'], ['surrogate', 'surrogate'], ['campaigner', 'campaigner'], ['cofounder', 'co-founder'],
  ['co-founder', 'co-founder'], ['owner', 'owner'], ['researcher', 'researcher'],
  ['scientist', 'scientist'], ['expert', 'expert'], ['student', 'student'], ['voter', 'voter'], ['supporter', 'supporter'],
  ['resident', 'resident'], ['veteran', 'veteran'], ['historian', 'historian'], ['author', 'author'], ['writer', 'writer'],
  ['actor', 'actor'], ['actress', 'actress'], ['singer', 'singer'], ['star', 'star'], ['comedian', 'comedian'],
  ['mother', 'mother'], ['father', 'father'], ['wife', 'wife'], ['husband', 'husband'], ['daughter', 'daughter'],
  ['son', 'son'], ['sister', 'sister'], ['brother', 'brother'], ['friend', 'friend'], ['nephew', 'nephew'], ['niece', 'niece'],
  ['lawmaker', 'lawmaker'], ['legislator', 'legislator'], ['politician', 'politician'],
  ['incumbent', 'incumbent'], ['challenger', 'challenger'], ['opponent', 'opponent'], ['rival', 'rival'],
  ['coach', 'coach'], ['player', 'player'], ['officials', 'officials'], ['official', 'official'],
]);

/** Role nouns that stand for a person on their own ("the PM said"): key is the normalised phrase. */
export const ROLE_ALIASES: ReadonlyMap<string, string> = checkedMap('ROLE_ALIASES', [
  ['pm', 'prime minister'], ['prime minister', 'prime minister'], ['premier', 'prime minister'],
  ['president', 'president'], ['vice president', 'vice president'], ['chancellor', 'chancellor'],
  ['governor', 'governor'], ['gov.', 'governor'], ['senator', 'senator'], ['sen.', 'senator'], ['mayor', 'mayor'],
  ['congressman', 'congressman'], ['congresswoman', 'congresswoman'], ['secretary of state', 'secretary of state'],
  ['foreign secretary', 'foreign secretary'], ['foreign minister', 'foreign minister'], ['health secretary', 'health secretary'],
  ['home secretary', 'home secretary'], ['defence secretary', 'defence secretary'], ['defense secretary', 'defense secretary'],
  ['speaker', 'speaker'], ['chairman', 'chairman'], ['chairwoman', 'chairwoman'], ['minister', 'minister'],
  ['attorney general', 'attorney general'], ['first minister', 'first minister'], ['taoiseach', 'taoiseach'],
]);

/** Pronouns that can stand for a speaker, with the gender they carry. */
export const PRONOUNS: ReadonlyMap<string, 'm' | 'f' | 'n' | 'p'> = checkedMap('PRONOUNS', [
  ['he', 'm'], ['she', 'f'], ['him', 'm'], ['her', 'f'], ['his', 'm'], ['hers', 'f'], ['they', 'p'], ['it', 'n'],
  ['i', 'p'], ['we', 'p'], ['you', 'p'], ['one', 'n'],
]);

/** Head nouns of unnamed sources: kept as written, never resolved to a person. */
export const UNNAMED_SOURCE_HEADS: ReadonlySet<string> = checkedSet('UNNAMED_SOURCE_HEADS', [
  'official', 'officials', 'source', 'sources', 'spokesman', 'spokeswoman', 'spokesperson', 'spokespeople', 'aide', 'aides',
  'adviser', 'advisers', 'advisor', 'advisors', 'insider', 'insiders', 'person', 'people', 'expert', 'experts', 'analyst',
  'analysts', 'critic', 'critics', 'observer', 'observers', 'diplomat', 'diplomats', 'witness', 'witnesses', 'resident',
  'residents', 'supporter', 'supporters', 'protester', 'protesters', 'protestors', 'voter', 'voters', 'report', 'reports',
  'statement', 'poll', 'polls', 'survey', 'study', 'data', 'documents', 'document', 'campaign', 'administration',
  'government', 'ministry', 'department', 'office', 'agency', 'police', 'prosecutors', 'investigators', 'lawyers',
  'lawyer', 'attorney', 'attorneys', 'democrats', 'republicans', 'conservatives', 'liberals', 'leaders', 'members',
  'lawmakers', 'legislators', 'group', 'groups', 'organizers', 'organisers', 'historians', 'economists', 'scientists',
  'researchers', 'officers', 'troops', 'authorities', 'ministers', 'figures', 'colleagues', 'allies', 'opponents', 'rivals',
  'friends', 'relatives', 'family', 'others', 'many', 'some', 'both', 'all', 'committee', 'court', 'judge', 'panel',
  'union', 'company', 'firm', 'spokesmen', 'representatives', 'representative', 'staff', 'staffers', 'team', 'letter',
  'memo', 'email', 'emails', 'article', 'story', 'editorial', 'analysis', 'review', 'website', 'site', 'network',
  'newspaper', 'paper', 'outlet', 'magazine', 'agencies', 'media', 'press', 'mother', 'father', 'wife', 'husband',
  'daughter', 'son', 'candidate', 'nominee', 'chief', 'head', 'leader', 'director', 'manager', 'chair', 'secretary',
  'governor', 'senator', 'president', 'mayor', 'minister', 'man', 'woman', 'men', 'women', 'chairman', 'pollster',
  'strategist', 'strategists', 'operative', 'operatives', 'surrogate', 'surrogates', 'student', 'students', 'veteran',
  'veterans', 'neighbor', 'neighbors', 'neighbour', 'neighbours', 'doctor', 'doctors', 'physician', 'host', 'moderator',
  'anchor', 'reporter', 'reporters', 'journalist', 'journalists', 'columnist', 'columnists', 'author', 'authors',
]);

/** Words that mark a capitalised phrase as an organisation, outlet or place rather than a person. */
export const ORG_WORDS: ReadonlySet<string> = checkedSet('ORG_WORDS', [
  'post', 'times', 'news', 'journal', 'herald', 'tribune', 'gazette', 'telegraph', 'guardian', 'independent', 'mail',
  'express', 'mirror', 'sun', 'star', 'observer', 'economist', 'review', 'magazine', 'press', 'wire', 'network', 'media',
  'television', 'tv', 'radio', 'channel', 'broadcasting', 'service', 'services', 'department', 'ministry', 'office',
  'committee', 'commission', 'council', 'court', 'house', 'senate', 'congress', 'parliament', 'assembly', 'party',
  'campaign', 'administration', 'government', 'agency', 'bureau', 'institute', 'university', 'college', 'school',
  'foundation', 'fund', 'bank', 'association', 'union', 'federation', 'organization', 'organisation', 'corporation',
  'company', 'inc', 'inc.', 'corp', 'corp.', 'ltd', 'llc', 'group', 'center', 'centre', 'club', 'society', 'coalition',
  'alliance', 'forces', 'army', 'navy', 'police', 'guard', 'board', 'authority', 'republic', 'kingdom', 'states',
  'street', 'avenue', 'square', 'park', 'city', 'county', 'state', 'island', 'islands', 'river', 'hall', 'tower',
  'airport', 'hospital', 'church', 'museum', 'stadium', 'arena', 'hotel', 'station', 'project', 'initiative', 'act',
  'bill', 'law', 'plan', 'program', 'programme', 'report', 'index', 'poll', 'survey', 'pac', 'caucus', 'cabinet',
  'kremlin', 'pentagon', 'vatican', 'politico', 'reuters', 'bloomberg', 'cnn', 'msnbc', 'fox', 'abc', 'nbc', 'cbs', 'bbc',
  'npr', 'pbs', 'ap', 'afp', 'upi', 'axios', 'breitbart', 'salon', 'slate', 'vox', 'buzzfeed', 'gallup', 'politifact',
  'twitter', 'facebook', 'google', 'instagram', 'youtube', 'tiktok', 'x', 'nato', 'un', 'eu', 'fbi', 'cia', 'nsa',
  'gop', 'dnc', 'rnc', 'irs', 'epa', 'nyt', 'wsj', 'day', 'week', 'month', 'year', 'affairs', 'security', 'defense',
  'defence', 'justice', 'treasury', 'health', 'education', 'energy', 'labor', 'labour', 'commerce', 'interior',
  'democrats', 'republicans', 'conservatives', 'liberals', 'democratic', 'republican', 'team',
]);

/** Capitalised words that open sentences or name days/months and are never part of a name. */
export const NOT_NAME_WORDS: ReadonlySet<string> = checkedSet('NOT_NAME_WORDS', [
  'The', 'A', 'An', 'This', 'That', 'These', 'Those', 'It', 'He', 'She', 'They', 'We', 'I', 'You', 'His', 'Her', 'Their',
  'Its', 'Our', 'My', 'Your', 'But', 'And', 'Or', 'So', 'Yet', 'If', 'When', 'While', 'After', 'Before', 'As', 'At', 'In',
  'On', 'Of', 'For', 'With', 'From', 'By', 'To', 'Into', 'Over', 'Under', 'Since', 'Until', 'During', 'Despite', 'Although',
  'Though', 'Because', 'However', 'Meanwhile', 'Still', 'Also', 'Then', 'Now', 'Here', 'There', 'What', 'Who', 'Why',
  'How', 'Where', 'Which', 'Asked', 'According', 'Speaking', 'Last', 'Next', 'Earlier', 'Later', 'Today', 'Yesterday',
  'Tomorrow', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February',
  'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Jan', 'Feb',
  'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec', 'Not', 'No', 'Yes', 'Some', 'Many', 'Most',
  'All', 'Any', 'Each', 'Every', 'Both', 'Other', 'Another', 'Such', 'Even', 'Only', 'Just', 'More', 'Much', 'Few',
  'Former', 'Senior', 'Junior', 'New', 'Old', 'First', 'Second', 'Third', 'Mr', 'Mrs', 'Ms', 'Dr', 'Read', 'Watch',
  'See', 'Click', 'Follow', 'Like', 'Share', 'Please', 'Let', 'Well', 'Oh', 'OK', 'Okay', 'Thank', 'Thanks', 'Dear',
  // Sentence adverbs that open sentences and are followed by a comma.
  'Ironically', 'Interestingly', 'Notably', 'Importantly', 'Clearly', 'Obviously', 'Unfortunately', 'Fortunately',
  'Similarly', 'Additionally', 'Finally', 'Initially', 'Ultimately', 'Currently', 'Recently', 'Previously', 'Separately',
  'Specifically', 'Generally', 'Basically', 'Apparently', 'Reportedly', 'Frankly', 'Honestly', 'Certainly', 'Surely',
  'Likewise', 'Instead', 'Nonetheless', 'Nevertheless', 'Moreover', 'Furthermore', 'Indeed', 'Perhaps', 'Maybe',
  'Already', 'Again', 'Once', 'Soon', 'Elsewhere', 'Overall', 'Otherwise', 'Altogether', 'Thus', 'Hence', 'Therefore',
  'Conversely', 'Accordingly', 'Consequently', 'Regardless', 'Incidentally', 'Admittedly', 'Sadly', 'Happily', 'Luckily', 'Curiously', 'Tellingly', 'Predictably', 'Understandably', 'Crucially', 'Critically',
  'Beyond', 'Among', 'Amid', 'Amidst', 'Across', 'Against', 'Along', 'Around', 'Behind', 'Below', 'Beside', 'Between',
  'Inside', 'Outside', 'Through', 'Throughout', 'Toward', 'Towards', 'Upon', 'Within', 'Without', 'Unlike', 'Following',
  'Including', 'Regarding', 'Per', 'Via', 'Editor', 'Editors', 'Update', 'Updated', 'Correction', 'Note', 'Photo',
  'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Eleven', 'Twelve', 'Twenty', 'Thirty',
  'Forty', 'Fifty', 'Sixty', 'Seventy', 'Eighty', 'Ninety', 'Hundred', 'Hundreds', 'Thousands', 'Millions', 'Dozens',
  'Privately', 'Publicly', 'Officially', 'Technically', 'Politically', 'Historically', 'Traditionally', 'Typically',
]);
