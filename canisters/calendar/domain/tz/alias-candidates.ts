/**
 * Zone names that Intl accepts but does not list in Intl.supportedValuesOf('timeZone'): UTC spellings,
 * fixed-offset Etc zones, current IANA spellings that ICU still lists under an older canonical name,
 * and common backward-compatible links. Used by the generator only; names ICU rejects are skipped.
 */
const etcOffsets = [
  ...Array.from({ length: 12 }, (_, i) => `Etc/GMT+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `Etc/GMT-${i + 1}`),
];

export const ALIAS_CANDIDATES: readonly string[] = [
  'UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu', 'Universal', 'Zulu', 'Etc/Greenwich',
  'Greenwich', 'Etc/UCT', 'UCT', 'GMT0', 'GMT+0', 'GMT-0', 'Etc/GMT0', 'Etc/GMT+0', 'Etc/GMT-0',
  ...etcOffsets,
  'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Ho_Chi_Minh', 'Asia/Yangon', 'Asia/Dhaka', 'Asia/Thimphu',
  'Asia/Ulaanbaatar', 'Asia/Macau', 'Asia/Makassar', 'Asia/Chongqing', 'Asia/Harbin', 'Asia/Tel_Aviv',
  'Asia/Istanbul', 'Asia/Calcutta', 'Asia/Saigon', 'Asia/Rangoon', 'Asia/Katmandu',
  'Europe/Kyiv', 'Europe/Kiev', 'Europe/Uzhgorod', 'Europe/Zaporozhye', 'Europe/Nicosia', 'Europe/Belfast',
  'Europe/Tiraspol',
  'America/Nuuk', 'America/Godthab', 'America/Argentina/Buenos_Aires', 'America/Buenos_Aires',
  'America/Argentina/Catamarca', 'America/Argentina/Cordoba', 'America/Argentina/Jujuy',
  'America/Argentina/Mendoza', 'America/Indiana/Indianapolis', 'America/Indianapolis',
  'America/Kentucky/Louisville', 'America/Louisville', 'America/Atikokan', 'America/Coral_Harbour',
  'America/Fort_Wayne', 'America/Montreal', 'America/Shiprock', 'America/Knox_IN', 'America/Porto_Acre',
  'America/Rosario', 'America/Ensenada', 'America/Santa_Isabel', 'America/Virgin',
  'Atlantic/Faroe', 'Atlantic/Faeroe', 'Atlantic/Jan_Mayen', 'Africa/Asmara', 'Africa/Timbuktu',
  'Pacific/Chuuk', 'Pacific/Pohnpei', 'Pacific/Kanton', 'Pacific/Enderbury', 'Pacific/Truk',
  'Pacific/Ponape', 'Pacific/Yap', 'Pacific/Samoa', 'Pacific/Johnston',
  'US/Eastern', 'US/Central', 'US/Mountain', 'US/Pacific', 'US/Alaska', 'US/Hawaii', 'US/Arizona',
  'US/Aleutian', 'US/East-Indiana', 'US/Indiana-Starke', 'US/Michigan', 'US/Samoa',
  'Canada/Atlantic', 'Canada/Central', 'Canada/Eastern', 'Canada/Mountain', 'Canada/Newfoundland',
  'Canada/Pacific', 'Canada/Saskatchewan', 'Canada/Yukon',
  'Australia/ACT', 'Australia/NSW', 'Australia/North', 'Australia/Queensland', 'Australia/South',
  'Australia/Tasmania', 'Australia/Victoria', 'Australia/West', 'Australia/Canberra', 'Australia/LHI',
  'Australia/Yancowinna',
  'Brazil/East', 'Brazil/West', 'Brazil/Acre', 'Brazil/DeNoronha', 'Chile/Continental',
  'Chile/EasterIsland', 'Mexico/General', 'Mexico/BajaNorte', 'Mexico/BajaSur',
  'Cuba', 'Egypt', 'Eire', 'GB', 'GB-Eire', 'Hongkong', 'Iceland', 'Iran', 'Israel', 'Jamaica', 'Japan',
  'Kwajalein', 'Libya', 'Navajo', 'NZ', 'NZ-CHAT', 'Poland', 'Portugal', 'PRC', 'ROC', 'ROK', 'Singapore',
  'Turkey', 'W-SU', 'EST', 'MST', 'HST', 'EST5EDT', 'CST6CDT', 'MST7MDT', 'PST8PDT', 'CET', 'EET', 'MET',
  'WET', 'Antarctica/South_Pole',
];
