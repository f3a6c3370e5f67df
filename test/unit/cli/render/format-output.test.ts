import { describe, expect, it } from 'vitest';
import { formatRows, headerForField } from '../../../../src/cli/render/format-output.js';
import { alignColumns, DOCKER_TABLE } from '../../../../src/cli/render/table-writer.js';

const images = [
  { Repository: 'localhost/mybusy', Tag: 'latest', ID: '19301e94173f', CreatedSince: 'Less than a second ago', Size: '1.99 MB', Labels: { a: 'b' } },
  { Repository: 'docker.io/library/alpine', Tag: '3.19', ID: '19301e94173f', CreatedSince: 'Less than a second ago', Size: '1.99 MB', Labels: {} },
  { Repository: 'localhost/bb', Tag: 'latest', ID: '9a853c043bee', CreatedSince: '1 second ago', Size: '2 MB', Labels: {} },
];
const spec = {
  defaultTable: 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}',
  headers: { ID: 'IMAGE ID', CreatedSince: 'CREATED' },
};

describe('formatRows', () => {
  it('prints the default table exactly as podman images lays it out', () => {
    // Captured from `podman images` (Podman 4.3) for the same three images.
    const podman = [
      'REPOSITORY                TAG         IMAGE ID      CREATED                 SIZE',
      'localhost/mybusy          latest      19301e94173f  Less than a second ago  1.99 MB',
      'docker.io/library/alpine  3.19        19301e94173f  Less than a second ago  1.99 MB',
      'localhost/bb              latest      9a853c043bee  1 second ago            2 MB',
      '',
    ].join('\n');
    expect(formatRows(images, undefined, spec)).toBe(podman);
    expect(formatRows(images, 'table', spec)).toBe(podman);
  });

  it('prints only the header when there are no rows', () => {
    expect(formatRows([], undefined, spec)).toBe('REPOSITORY  TAG         IMAGE ID    CREATED     SIZE\n');
  });

  it('derives headers for a user table and treats blanks as column breaks', () => {
    expect(formatRows(images.slice(2), 'table {{.ID}} {{.Repository}}\\t{{.Size}}', spec)).toBe(
      'IMAGE ID      REPOSITORY    SIZE\n9a853c043bee  localhost/bb  2 MB\n',
    );
    expect(formatRows(images.slice(0, 1), 'table {{.Tag}}:{{index .Labels "a"}}', spec)).toBe('TAG:LABELS\nlatest:b\n');
  });

  it('prints a plain template once per row, without header or alignment', () => {
    expect(formatRows(images, '{{.ID}}\\t{{.Repository}}', spec)).toBe(
      '19301e94173f\tlocalhost/mybusy\n19301e94173f\tdocker.io/library/alpine\n9a853c043bee\tlocalhost/bb\n',
    );
    expect(formatRows(images.slice(2), '{{.Tag}}\\n', spec)).toBe('latest\n');
  });

  it('prints {{json .}} as one compact object per line', () => {
    const out = formatRows(images, '{{json .}}', spec).trimEnd().split('\n');
    expect(out.map((l) => JSON.parse(l))).toEqual(images);
  });

  it('prints --format json as one pretty array', () => {
    const out = formatRows(images.slice(2), 'json', { ...spec, toJson: (r) => ({ Id: (r as { ID: string }).ID }) });
    expect(out).toBe('[\n    {\n        "Id": "9a853c043bee"\n    }\n]\n');
    expect(formatRows([], 'json', spec)).toBe('[]\n');
  });

  it('splits field names into header words', () => {
    expect(headerForField('CreatedSince')).toBe('CREATED SINCE');
    expect(headerForField('ID')).toBe('ID');
    expect(headerForField('RepoTags')).toBe('REPO TAGS');
    expect(headerForField('ImageID')).toBe('IMAGE ID');
  });
});

describe('alignColumns', () => {
  it('never pads the last cell and honours a docker layout', () => {
    expect(alignColumns('a\tbb\nccc\td\n', DOCKER_TABLE)).toBe('a         bb\nccc       d\n');
  });

  it('keeps column blocks separate across lines with fewer cells', () => {
    expect(alignColumns('aaaaaaaaaaaaaaa\tx\nline\nb\ty', { minWidth: 0, padding: 1 })).toBe('aaaaaaaaaaaaaaa x\nline\nb y');
  });
});
