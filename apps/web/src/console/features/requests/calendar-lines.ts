/** `2027-01-01 holiday 元旦` per line → calendar days; or the number of the first line it cannot read. */
export function parseCalendarLines(text: string): { days: { date: string; kind: 'holiday' | 'workday'; name: string }[] } | { badLine: number } {
  const days: { date: string; kind: 'holiday' | 'workday'; name: string }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const m = /^(\d{4}-\d{2}-\d{2})\s+(holiday|workday|休|班)\s*(.*)$/.exec(line);
    if (!m) return { badLine: i + 1 };
    days.push({ date: m[1]!, kind: m[2] === 'workday' || m[2] === '班' ? 'workday' : 'holiday', name: m[3] ?? '' });
  }
  return { days };
}

