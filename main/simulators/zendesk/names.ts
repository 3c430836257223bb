/** Vocabulary for the seeded customers and agents: company names, people, time zones, stacks. */

import type { TimeZoneInfo } from './types.ts';

export const COMPANY_STEMS = [
  'Northwind', 'Brightline', 'Lumen', 'Fathom', 'Bluefin', 'Copperleaf', 'Kestrel', 'Halcyon', 'Meridian', 'Tidewater',
  'Quarry', 'Juniper', 'Sableridge', 'Orchard', 'Palisade', 'Wavelength', 'Foxglove', 'Cobalt', 'Redwood', 'Lattice',
  'Beacon', 'Granite', 'Silverpine', 'Amberly', 'Vantage', 'Trellis', 'Harbor', 'Nimbus', 'Solstice', 'Driftwood',
  'Keystone', 'Marlow', 'Pinnacle', 'Saltmarsh', 'Westbrook', 'Ironbark', 'Clearwater', 'Starling', 'Everly', 'Larkspur',
  'Onyx', 'Parallax', 'Quill', 'Riverstone', 'Skyward', 'Thistle', 'Umber', 'Verdant', 'Wildgrass', 'Yarrow',
  'Zephyr', 'Ashgrove', 'Birchwood', 'Cinder', 'Dovetail', 'Elmstead', 'Fernhill', 'Glasshouse', 'Hollis', 'Inkwell',
  'Jetstream', 'Kinfolk', 'Loomis', 'Mosaic', 'Northstar', 'Oakmont', 'Pebble', 'Quantra', 'Rookery', 'Signal',
];

export const COMPANY_SUFFIXES = [
  'Analytics', 'Labs', 'Media', 'Insights', 'Social', 'Data', 'AI', 'HQ', 'Metrics', 'Digital',
  'Research', 'Partners', 'Studio', 'Commerce', 'Intelligence', 'Growth', 'Signals', 'Collective', 'Works', 'Group',
];

export const COMPANY_FORMS = ['', '', '', ' Inc.', ' Ltd', ' GmbH', ' BV', ' SAS', ' Pty Ltd', ' Co.'];

export const FIRST_NAMES = [
  'Aisha', 'Ben', 'Camila', 'Daniel', 'Elif', 'Felix', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kavya', 'Liam', 'Mei',
  'Nikhil', 'Olivia', 'Pedro', 'Quinn', 'Rosa', 'Sami', 'Tomás', 'Uma', 'Victor', 'Wen', 'Xavier', 'Yara', 'Zoe',
  'Amara', 'Bruno', 'Chloe', 'Dmitri', 'Emeka', 'Freya', 'Gabriel', 'Hana', 'Ivan', 'Julia', 'Kenji', 'Lucia',
  'Mateo', 'Nora', 'Oskar', 'Priya', 'Rafael', 'Sofia', 'Tariq', 'Valentina', 'Wojciech', 'Yusuf', 'Zara', 'Leon',
];

export const LAST_NAMES = [
  'Okafor', 'Schmidt', 'Fernández', 'Nguyen', 'Yilmaz', 'Becker', 'Kim', 'Tanaka', 'Moreau', 'Lindqvist', 'Sharma',
  "O'Brien", 'Chen', 'Patel', 'Rossi', 'Almeida', 'Murphy', 'García', 'Haddad', 'Novak', 'Iyer', 'Kowalski', 'Zhang',
  'Dubois', 'Andersen', 'Silva', 'Müller', 'Nakamura', 'Costa', 'Jensen', 'Ibrahim', 'Walsh', 'Romero', 'Petrov',
  'Santos', 'Eriksen', 'Mensah', 'Hoffmann', 'Park', 'Reyes', 'Bianchi', 'Kaur', 'Vogel', 'Adeyemi', 'Larsen',
];

export const JOB_TITLES = [
  'Backend Engineer', 'Data Engineer', 'CTO', 'Head of Data', 'Software Engineer', 'Platform Lead', 'Founder',
  'Growth Engineer', 'Engineering Manager', 'Analytics Engineer', 'Full-stack Developer', 'VP Engineering',
];

/** IANA zones with the (Rails) names Zendesk shows in `time_zone`. */
export const TIME_ZONES: readonly TimeZoneInfo[] = [
  { iana: 'America/New_York', rails: 'Eastern Time (US & Canada)' },
  { iana: 'America/Chicago', rails: 'Central Time (US & Canada)' },
  { iana: 'America/Denver', rails: 'Mountain Time (US & Canada)' },
  { iana: 'America/Los_Angeles', rails: 'Pacific Time (US & Canada)' },
  { iana: 'America/Sao_Paulo', rails: 'Brasilia' },
  { iana: 'America/Mexico_City', rails: 'Mexico City' },
  { iana: 'Europe/London', rails: 'London' },
  { iana: 'Europe/Berlin', rails: 'Berlin' },
  { iana: 'Europe/Paris', rails: 'Paris' },
  { iana: 'Europe/Madrid', rails: 'Madrid' },
  { iana: 'Europe/Amsterdam', rails: 'Amsterdam' },
  { iana: 'Europe/Warsaw', rails: 'Warsaw' },
  { iana: 'Europe/Istanbul', rails: 'Istanbul' },
  { iana: 'Africa/Lagos', rails: 'West Central Africa' },
  { iana: 'Asia/Dubai', rails: 'Abu Dhabi' },
  { iana: 'Asia/Kolkata', rails: 'Mumbai' },
  { iana: 'Asia/Singapore', rails: 'Singapore' },
  { iana: 'Asia/Jakarta', rails: 'Jakarta' },
  { iana: 'Asia/Seoul', rails: 'Seoul' },
  { iana: 'Asia/Tokyo', rails: 'Tokyo' },
  { iana: 'Australia/Sydney', rails: 'Sydney' },
  { iana: 'Pacific/Auckland', rails: 'Auckland' },
];

export const STACKS = ['python', 'node', 'go', 'php', 'ruby', 'curl'] as const;
export type Stack = (typeof STACKS)[number];

/** The support team answering the tickets. The first one is the signed-in demo agent. */
export const AGENTS: readonly { name: string; local: string; role: 'agent' | 'admin'; zone: TimeZoneInfo }[] = [
  { name: 'Morgan Ellis', local: '', role: 'admin', zone: { iana: 'Europe/London', rails: 'London' } },
  { name: 'Priya Raman', local: 'priya', role: 'agent', zone: { iana: 'Asia/Kolkata', rails: 'Mumbai' } },
  { name: 'Jonah Weiss', local: 'jonah', role: 'agent', zone: { iana: 'America/New_York', rails: 'Eastern Time (US & Canada)' } },
  { name: 'Lea Fournier', local: 'lea', role: 'agent', zone: { iana: 'Europe/Paris', rails: 'Paris' } },
  { name: 'Marcus Bell', local: 'marcus', role: 'admin', zone: { iana: 'America/Los_Angeles', rails: 'Pacific Time (US & Canada)' } },
];

export const SUPPORT_ADDRESS = { name: 'Example Data Support', address: 'support@example-data.test' } as const;
