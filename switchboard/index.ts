export { startSwitchboard, type RunningSwitchboard, type StartSwitchboardOptions } from './switchboard.ts';
export { demoUsers, type SwitchboardUser } from './users.ts';
export { startBaresip, type BaresipPhone, type StartBaresipOptions } from './baresip.ts';
export { freePort, freeUdpRange } from './free-port.ts';
export { startUpdateFeed, latestYml, type RunningUpdateFeed, type PublishedRelease } from './update-feed.ts';
