// The part of dockerode's API the end-to-end tests use (the package ships no type declarations).
declare module 'dockerode' {
  interface Container {
    id: string;
    start(): Promise<unknown>;
    wait(): Promise<{ StatusCode: number }>;
    logs(options: { stdout?: boolean; stderr?: boolean; follow?: false }): Promise<Buffer>;
    remove(options?: { force?: boolean }): Promise<unknown>;
  }
  class Docker {
    constructor(options: { socketPath: string });
    createContainer(options: Record<string, unknown>): Promise<Container>;
  }
  export default Docker;
}
