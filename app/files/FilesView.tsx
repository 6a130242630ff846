import { useEffect } from 'react';
import { formatSize } from '../lib/bytes';
import { usePlayground } from '../store/playground';
import './FilesView.css';


/** The current user's files: what their functions see under '/', with upload, download and delete. */
export function FilesView() {
  const user = usePlayground((s) => s.current.slice(0, Math.max(0, s.current.indexOf('/'))));
  const running = usePlayground((s) => s.runtime.phase === 'ready');
  const { files, error } = usePlayground((s) => s.userFiles);
  const { watchFiles: watch, uploadFiles: upload, downloadFile: download, removeFile: remove } = usePlayground.getState();

  useEffect(() => (running && user ? watch(user) : undefined), [running, user, watch]);

  return (
    <section className="files-view" data-testid="files.view" aria-label="Files">
      <h3 className="call-output__heading">
        Files of {user || '—'}{' '}
        <span className="call-output__note">
          preopened as / in every call of this user; a call's changes are saved when it ends (IndexedDB)
        </span>
      </h3>
      <label className="files-view__upload">
        Upload…
        <input
          type="file"
          multiple
          data-testid="files.upload"
          onChange={(e) => {
            if (e.target.files?.length) void upload(e.target.files).then(() => (e.target.value = ''));
          }}
        />
      </label>
      {error && <p className="call-output__error" data-testid="files.error">{error}</p>}
      {files.length === 0 ? (
        <p className="panel-hint">No files yet: upload one, or write one from a function (fopen("out.txt", "w")).</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th>path</th>
              <th>size</th>
              <th>saved</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {files.map((f) => (
              <tr key={f.path} data-testid="files.item" data-path={f.path}>
                <td>{f.directory ? `${f.path}/` : f.path}</td>
                <td data-testid="files.size">{f.directory ? '' : formatSize(f.size)}</td>
                <td>{new Date(f.modifiedAt).toLocaleTimeString()}</td>
                <td className="files-view__actions">
                  {!f.directory && (
                    <button data-testid="files.download" onClick={() => void download(f.path)}>
                      Download
                    </button>
                  )}
                  <button data-testid="files.delete" onClick={() => void remove(f.path)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
