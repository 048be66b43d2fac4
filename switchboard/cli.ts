import { stderrLog } from './log.ts';
import { isPromptLanguage, promptLanguages } from './prompts.ts';
import { startSwitchboard } from './switchboard.ts';
import { startUpdateFeed } from './update-feed.ts';

/**
 * `node switchboard/cli.ts start [--run-dir DIR] [--log-level N] [--provisioning [--sip-code-calls]] [--auto-attendant] [--prompt-language zh-CN|en|sv|fr]`:
 * a dev switchboard
 * with the demo users; `--provisioning` adds the sign-in service with the demo company and its customer chat page (the printed
 * `chatPageUrl`; codes are written to
 * <run dir>/codes.log, or with `--sip-code-calls` phoned as SIP calls to the SIP user named by the mobile's digits);
 * `--auto-attendant` answers the company main number 8000 (extension by keypad, "0" to the operator group 8100);
 * `--prompt-language` is the language the switchboard's lines speak (greeting, busy announcement; default en).
 * `--update-feed DIR` also serves DIR (latest.yml and installers, as `electron-builder --publish` writes them) as the
 * update feed; point the app at the printed `updateFeedUrl` with SWITCHBOARD_UPDATE_URL.
 */
async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command !== 'start') {
    console.error(
      'usage: node switchboard/cli.ts start [--run-dir DIR] [--log-level N] [--provisioning [--sip-code-calls]] [--auto-attendant] [--prompt-language zh-CN|en|sv|fr] [--update-feed DIR]',
    );
    process.exitCode = 2;
    return;
  }
  const flag = (name: string): string | undefined => {
    const index = rest.indexOf(name);
    return index >= 0 ? rest[index + 1] : undefined;
  };
  // Last resort: the provisioning service and the update feed run in this process beside the supervisor of
  // Kamailio, rtpengine and the lines. A bug that escapes every request guard is logged; it must not take the
  // whole switchboard down (before, one malformed request did exactly that).
  process.on('uncaughtException', (error) =>
    stderrLog.error('an unexpected error; the switchboard keeps running', { err: error }),
  );
  process.on('unhandledRejection', (error) =>
    stderrLog.error('an unexpected rejection; the switchboard keeps running', { err: error }),
  );
  const runDir = flag('--run-dir');
  const logLevel = flag('--log-level');
  const promptLanguage = flag('--prompt-language');
  if (promptLanguage !== undefined && !isPromptLanguage(promptLanguage)) {
    console.error(`--prompt-language: one of ${promptLanguages.join(', ')}, not "${promptLanguage}"`);
    process.exitCode = 2;
    return;
  }
  const switchboard = await startSwitchboard({
    ...(runDir !== undefined ? { runDir } : {}),
    ...(logLevel !== undefined ? { logLevel: Number(logLevel) } : {}),
    ...(promptLanguage !== undefined ? { promptLanguage } : {}),
    ...(rest.includes('--provisioning')
      ? {
          provisioning: {
            chatPage: 'build' as const,
            ...(rest.includes('--sip-code-calls') ? { codeCaller: 'sip' as const } : {}),
          },
        }
      : {}),
    ...(rest.includes('--auto-attendant') ? { autoAttendant: true } : {}),
  });
  const updateFeedDir = flag('--update-feed');
  const feed = updateFeedDir !== undefined ? await startUpdateFeed({ dir: updateFeedDir }) : null;
  const { domain, wsUrl, wssUrl, udpPort, users, provisioningUrl, chatPageUrl, mailCatcher } = switchboard;
  const info = {
    domain,
    wsUrl,
    wssUrl,
    udpPort,
    runDir: switchboard.runDir,
    users,
    processes: switchboard.processes(),
    ...(provisioningUrl ? { provisioningUrl } : {}),
    ...(chatPageUrl ? { chatPageUrl } : {}),
    // Account mails (first passwords, reset codes): nothing is delivered, they are kept in mailsFile.
    ...(mailCatcher ? { mailCatcher: { smtpUrl: mailCatcher.smtpUrl, mailsFile: mailCatcher.mailsFile } } : {}),
    ...(feed ? { updateFeedUrl: feed.url } : {}),
  };
  console.log(JSON.stringify(info, null, 2));

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await feed?.stop();
    await switchboard.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

await main(process.argv.slice(2));
