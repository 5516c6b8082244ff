// Place names (countries, US states, continents, large cities): general geography, so a place used
// alone ("Mexico said", "talks in Florida") is never taken for a person's surname.

const PLACE_LIST = `Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan Bahamas Bahrain
Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Bosnia Botswana Brazil Brunei Bulgaria Burkina Burma Burundi
Cambodia Cameroon Canada Chad Chile China Colombia Comoros Congo Croatia Cuba Cyprus Czechia Denmark Djibouti Dominica Ecuador
Egypt Eritrea Estonia Eswatini Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea
Guyana Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya
Kiribati Korea Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg
Madagascar Malawi Malaysia Maldives Mali Malta Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro
Morocco Mozambique Myanmar Namibia Nauru Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palau Palestine
Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa Senegal Serbia Seychelles Singapore
Slovakia Slovenia Somalia Spain Sudan Suriname Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo Tonga
Trinidad Tunisia Turkey Turkmenistan Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu Venezuela Vietnam Yemen Zambia
Zimbabwe Britain England Scotland Wales Crimea Gaza Donbas Kashmir Tibet Greenland Europe Asia Africa America Americas
Antarctica Oceania Arctic Balkans Caribbean Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida
Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi
Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington
Wisconsin Wyoming London Paris Berlin Moscow Beijing Tokyo Kyiv Kiev Washington Brussels Rome Madrid Lisbon Warsaw Vienna
Prague Budapest Athens Ankara Istanbul Tehran Baghdad Damascus Beirut Jerusalem Cairo Riyadh Dubai Doha Delhi Mumbai Karachi
Kabul Seoul Pyongyang Shanghai Hong Kong Taipei Manila Jakarta Bangkok Hanoi Sydney Melbourne Toronto Ottawa Montreal
Chicago Boston Philadelphia Atlanta Miami Houston Dallas Denver Seattle Detroit Cleveland Baltimore Brooklyn Manhattan
Harlem Queens Bronx Chelsea Westminster Whitehall Downing Edinburgh Glasgow Cardiff Belfast Dublin Manchester Liverpool
Birmingham Leeds Geneva Zurich Davos Minsk Munich Hamburg Milan Naples Venice Oslo Stockholm Helsinki Copenhagen Amsterdam
Kharkiv Odesa Odessa Mariupol Bakhmut Donetsk Luhansk Kherson Sevastopol Aleppo Mosul Tripoli Khartoum Nairobi Lagos Johannesburg
Havana Caracas Bogota Lima Santiago Quito Brasilia Sao Paulo Tijuana Juarez Charlotte Orlando Tampa Phoenix Vegas Orleans
Pittsburgh Cincinnati Milwaukee Minneapolis Nashville Memphis Louisville Richmond Raleigh Columbus Indianapolis Sacramento
Portland Honolulu Anchorage Flint Tulsa Ferguson`;

export const PLACES: ReadonlySet<string> = new Set(PLACE_LIST.split(/\s+/));

/** Nationality and group words ("Mexicans", "North American", "Republicans") that are not people's names. */
export function isDemonym(word: string): boolean {
  return /(?:ans?|ese|ish|ians?|ers)$/.test(word) && /^[A-Z][a-z]+$/.test(word) && !/^(?:[A-Z][a-z]?an)$/.test(word);
}
