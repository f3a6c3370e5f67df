import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../../src/errors/tsmoby-error.js';
import { compileTemplate } from '../../../../src/cli/render/go-template.js';

const row = {
  ID: '19301e94173f0289',
  Names: ['web', 'db'],
  Labels: { app: 'x', 'com.example.tier': 'front' } as Record<string, string>,
  Size: 1987655,
  Client: { Version: '0.1.0' },
  Empty: '',
  Html: '<a&b>',
};
const run = (t: string, data: unknown = row) => compileTemplate(t).execute(data);

describe('go template', () => {
  it('prints fields, nested fields and literal text', () => {
    expect(run('id={{.ID}} v={{.Client.Version}} n={{.Size}}')).toBe('id=19301e94173f0289 v=0.1.0 n=1987655');
  });

  it('prints slices and maps the way Go does', () => {
    expect(run('{{.Names}} {{.Labels}}')).toBe('[web db] map[app:x com.example.tier:front]');
  });

  it('json of the row and of a field, with Go HTML escaping', () => {
    expect(run('{{json .Names}}')).toBe('["web","db"]');
    expect(run('{{json .Html}}')).toBe('"\\u003ca\\u0026b\\u003e"');
    expect(JSON.parse(run('{{json .}}'))).toEqual(row);
  });

  it('index, join, upper, lower, truncate, printf, println', () => {
    expect(run('{{index .Labels "com.example.tier"}}')).toBe('front');
    expect(run('[{{index .Labels "nope"}}]')).toBe('[]');
    expect(run('{{join .Names ","}}')).toBe('web,db');
    expect(run('{{upper .ID}} {{lower "ABC"}}')).toBe('19301E94173F0289 abc');
    expect(run('{{truncate .ID 12}}')).toBe('19301e94173f');
    expect(run('{{printf "%-6s|%5d|%.2f|%q" "ab" 42 1.5 "x"}}')).toBe('ab    |   42|1.50|"x"');
    expect(run('a{{println}}b')).toBe('a\nb');
  });

  it('pipelines pass the value as the last argument', () => {
    expect(run('{{.Names | json}}')).toBe('["web","db"]');
    expect(run('{{.ID | printf "%.4s" | upper}}')).toBe('1930');
  });

  it('if / else if / else / with', () => {
    expect(run('{{if .Empty}}yes{{else}}no{{end}}')).toBe('no');
    expect(run('{{if .Empty}}a{{else if .Names}}b{{else}}c{{end}}')).toBe('b');
    expect(run('{{if .Empty}}a{{else}}{{if .ID}}inner{{end}}{{end}}')).toBe('inner');
    expect(run('{{with .Client}}{{.Version}}{{end}}')).toBe('0.1.0');
    expect(run('{{if eq .Size 1987655}}big{{end}}')).toBe('big');
  });

  it('range over lists and maps, with variables', () => {
    expect(run('{{range .Names}}<{{.}}>{{end}}')).toBe('<web><db>');
    expect(run('{{range $k, $v := .Labels}}{{$k}}={{$v}};{{end}}')).toBe('app=x;com.example.tier=front;');
    expect(run('{{range .Names}}{{$.ID}}{{end}}', { ...row, ID: 'i' })).toBe('ii');
    expect(run('{{range .Missing}}x{{else}}none{{end}}', { Missing: [] })).toBe('none');
  });

  it('turns typed \\t and \\n into tab and newline outside actions', () => {
    expect(run('{{.ID}}\\t{{join .Names "\\t"}}\\n')).toBe('19301e94173f0289\tweb\tdb\n');
  });

  it('honours trim markers', () => {
    expect(run('a  {{- .Empty -}}  b')).toBe('ab');
    expect(run('{{range .Names -}}\n  {{.}}\n{{- end}}')).toBe('webdb');
  });

  it('is case-sensitive: an unknown field of the row is an error naming the template', () => {
    expect(() => run('{{.id}}')).toThrow(InvalidArgumentError);
    expect(() => run('{{.id}}')).toThrow('invalid format template "{{.id}}": can\'t evaluate field id');
  });

  it('a missing map key prints <no value>', () => {
    expect(run('{{.Labels.nope}}')).toBe('<no value>');
  });

  it('rejects bad templates with InvalidArgumentError', () => {
    for (const bad of ['{{.ID', '{{if .ID}}x', '{{end}}', '{{nosuch .ID}}', '{{.ID 3}}', '{{range .ID}}{{end}}']) {
      expect(() => run(bad), bad).toThrow(InvalidArgumentError);
    }
  });

  it('compiles once and executes many times', () => {
    const t = compileTemplate('{{.Name}}');
    expect([{ Name: 'a' }, { Name: 'b' }].map((r) => t.execute(r))).toEqual(['a', 'b']);
  });
});
