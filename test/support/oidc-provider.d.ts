// oidc-provider ships no types; this is the little of it the test provider uses.
declare module 'oidc-provider' {
  import type { Server } from 'node:http';

  interface Account {
    accountId: string;
    claims(): Record<string, unknown>;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    listen(port: number, host?: string): Server;
    proxy: boolean;
  }

  export type FindAccount = (context: unknown, id: string) => Account | undefined;
}
