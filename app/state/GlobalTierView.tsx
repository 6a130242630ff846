import type { GlobalStateChange } from '../../runtime';
import { formatSize } from '../lib/bytes';
import { lessonById } from '../store/lessons';
import { usePlayground } from '../store/playground';
import './GlobalTierView.css';

const shortKey = (key: string) => key.slice(key.indexOf('/') + 1);
const userOf = (key: string) => key.slice(0, key.indexOf('/'));
function changeText(change: GlobalStateChange): string {
  if (change.kind === 'failed') return `host ${change.host} · ${shortKey(change.key)} failed: ${change.message}`;
  const where = change.host === null ? 'another tab' : `host ${change.host}`;
  const arrow = change.kind === 'push' ? '→ global' : '← global';
  return `${where} ${arrow} · ${shortKey(change.key)} v${change.version} · ${formatSize(change.bytes)}`;
}

/** The global tier beside the local one: every key with its global version, and pushes and pulls as they happen. */
export function GlobalTierView() {
  const { keys: all, changes } = usePlayground((s) => s.globalTier);
  const lesson = usePlayground((s) => lessonById(s.lessonId));
  // The open lesson's keys first; every row says whose it is, as two users may hold the same name.
  const lessonUser = lesson ? `lesson${lesson.number}` : null;
  const keys = lessonUser ? [...all.filter((k) => userOf(k.key) === lessonUser), ...all.filter((k) => userOf(k.key) !== lessonUser)] : all;
  const owner = (key: string) => {
    const user = userOf(key);
    if (user === lessonUser) return `${user} (this lesson)`;
    const other = /^lesson(\d+)$/.exec(user);
    return other ? `${user} (lesson ${other[1]})` : user;
  };
  return (
    <section className="global-tier" data-testid="state.global" aria-label="Global tier">
      <h3 className="call-output__heading">
        Global tier <span className="call-output__note">IndexedDB: shared by every host and tab, kept across reloads</span>
      </h3>
      {keys.length === 0 ? (
        <p className="global-tier__hint">No global keys yet: faasmPushState writes one. Try demo/global_counter.</p>
      ) : (
        <table className="data-table state-view__keys">
          <thead>
            <tr>
              <th>key</th>
              <th>user</th>
              <th>size</th>
              <th>version</th>
              <th>pushed</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr
                key={k.key}
                data-testid={`state.global.key.${shortKey(k.key)}`}
                data-user={userOf(k.key)}
                className={lessonUser && userOf(k.key) !== lessonUser ? 'global-tier__row--other' : undefined}
              >
                <td>{shortKey(k.key)}</td>
                <td data-testid="state.global.owner">{owner(k.key)}</td>
                <td>{k.size.toLocaleString()}</td>
                <td data-testid="state.global.version">{k.version}</td>
                <td>{new Date(k.updatedAt).toLocaleTimeString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {changes.length > 0 && (
        <ol className="global-tier__changes" data-testid="state.global.changes" aria-label="Pushes and pulls">
          {changes.map((change, i) => (
            <li key={`${change.at}-${i}`} data-testid="state.global.change" data-kind={change.kind} className={`global-tier__change--${change.kind}`}>
              {changeText(change)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
