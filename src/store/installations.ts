// App installations (one per Slack workspace or Enterprise org that installed the bot through
// OAuth). The backends store rows; this module seals the installation, which holds the bot token,
// with the token cipher before a row is written and opens it after it is read, so neither backend
// ever holds a token in clear.
import type { TokenCipher } from './token-cipher.ts';

export interface InstallationRow {
  platform: string;
  /** `team:T123` or `enterprise:E123`. */
  key: string;
  teamId: string | null;
  enterpriseId: string | null;
  /** The sealed installation JSON. */
  sealed: string;
  installedAt: number;
}

/** What each backend implements (store/sqlite, store/postgres). */
export interface InstallationRows {
  put(row: InstallationRow): Promise<void>;
  get(platform: string, key: string): Promise<InstallationRow | undefined>;
  delete(platform: string, key: string): Promise<boolean>;
  count(platform: string): Promise<number>;
}

export interface InstallationId {
  teamId?: string | null | undefined;
  enterpriseId?: string | null | undefined;
  enterpriseInstall: boolean;
}

export function installationKey(id: InstallationId): string {
  if (id.enterpriseInstall) {
    if (!id.enterpriseId) throw new Error('an Enterprise install needs its enterprise id');
    return `enterprise:${id.enterpriseId}`;
  }
  if (!id.teamId) throw new Error('an installation needs its team id');
  return `team:${id.teamId}`;
}

export class Installations {
  constructor(
    private readonly rows: InstallationRows,
    private readonly cipher: TokenCipher,
    private readonly now: () => number = Date.now,
  ) {}

  async save(platform: string, id: InstallationId, installation: object): Promise<void> {
    const key = installationKey(id);
    await this.rows.put({
      platform,
      key,
      teamId: id.teamId ?? null,
      enterpriseId: id.enterpriseId ?? null,
      sealed: this.cipher.encrypt(JSON.stringify(installation), `${platform}:${key}`),
      installedAt: this.now(),
    });
  }

  async find<T = unknown>(platform: string, id: InstallationId): Promise<T | undefined> {
    const key = installationKey(id);
    const row = await this.rows.get(platform, key);
    if (!row) return undefined;
    return JSON.parse(this.cipher.decrypt(row.sealed, `${platform}:${key}`)) as T;
  }

  delete(platform: string, id: InstallationId): Promise<boolean> {
    return this.rows.delete(platform, installationKey(id));
  }

  count(platform: string): Promise<number> {
    return this.rows.count(platform);
  }
}
