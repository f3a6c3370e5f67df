// The part of dockerode's API the end-to-end tests use (the package ships no type declarations).
declare module 'dockerode' {
  interface Container {
    id: string;
    start(): Promise<unknown>;
    wait(): Promise<{ StatusCode: number }>;
    logs(options: { stdout?: boolean; stderr?: boolean; follow?: false }): Promise<Buffer>;
    remove(options?: { force?: boolean }): Promise<unknown>;
    exec(options: Record<string, unknown>): Promise<Exec>;
  }
  interface Exec {
    id: string;
    start(options: { hijack?: boolean; stdin?: boolean; Detach?: boolean; Tty?: boolean }): Promise<import('node:stream').Duplex>;
    inspect(): Promise<{ Running: boolean; ExitCode: number | null }>;
  }
  class Docker {
    constructor(options: { socketPath: string });
    createContainer(options: Record<string, unknown>): Promise<Container>;
    getContainer(id: string): Container;
    modem: { demuxStream(stream: import('node:stream').Readable, stdout: import('node:stream').Writable, stderr: import('node:stream').Writable): void };
  }
  export default Docker;
}
