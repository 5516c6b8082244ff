// Bolt's installationStore over the database (store/installations.ts): every replica reads and
// writes the same rows, so an install finished on one replica authorizes requests on all of them.
// The installation (bot token included) is sealed with AES-256-GCM before it is stored.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { redact } from '../../log.ts';
import type { InstallationId, Installations } from '../../store/installations.ts';

export const SLACK = 'slack';

function idOf(q: { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall?: boolean | undefined }): InstallationId {
  return { teamId: q.teamId ?? null, enterpriseId: q.enterpriseId ?? null, enterpriseInstall: q.isEnterpriseInstall === true };
}

export function databaseInstallationStore(installations: Installations): InstallationStore {
  return {
    async storeInstallation(installation) {
      await installations.save(SLACK, idOf({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: installation.isEnterpriseInstall }), installation);
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = await installations.find<Installation<'v1' | 'v2', boolean>>(SLACK, idOf(query));
      if (!found) throw new Error(`no installation for ${query.isEnterpriseInstall ? `enterprise ${query.enterpriseId}` : `team ${query.teamId}`}`);
      redact(found.bot?.token);
      redact(found.user?.token);
      return found;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await installations.delete(SLACK, idOf(query));
    },
  };
}

/** The bot token of the workspace `teamId` (a team install, or the org install it belongs to). */
export async function botTokenFor(installations: Installations, teamId: string): Promise<string | undefined> {
  const found = await installations.find<Installation<'v1' | 'v2', boolean>>(SLACK, { teamId, enterpriseInstall: false });
  const token = found?.bot?.token;
  redact(token);
  return token;
}
