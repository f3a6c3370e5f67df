// commander's accumulator for repeatable flags (-e, -v, --filter, ...).
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
