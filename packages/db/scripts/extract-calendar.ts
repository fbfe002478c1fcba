/**
 * Prints the calendar rows of migration `*_services_rules.sql` from the chinese-days package (a dev dependency):
 * for each year it knows, the exceptions to Monday–Friday — holidays on weekdays and weekend days made working
 * days (调休). `npm -w packages/db run calendar:extract`; a test checks the migrated table still equals the package.
 */
import { calendarExceptionsFromPackage } from '../src/calendar-source.ts';

const { version, years, days } = calendarExceptionsFromPackage();
const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
console.log(`INSERT INTO calendar_years (year, source) VALUES\n${years.map((y) => `  (${y}, ${q(`chinese-days@${version}`)})`).join(',\n')}\nON CONFLICT (year) DO NOTHING;`);
console.log('--> statement-breakpoint');
console.log(`INSERT INTO calendar_days (day, kind, name) VALUES\n${days.map((d) => `  (${q(d.date)}, ${q(d.kind)}, ${q(d.name)})`).join(',\n')}\nON CONFLICT (day) DO NOTHING;`);
