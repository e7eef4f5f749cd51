// policylens at document_start, on pages whose URL holds one of the pre-check's URL words (the
// manifest's include_globs, checked against src/precheck.rs by tests/e2e/bundle.test.mjs):
// starts the service worker and its core while the page is still loading, so that a policy's
// badge does not wait for them after document_idle. It reads nothing of the page.
'use strict';

chrome.runtime.sendMessage({ type: 'wake' }).catch(() => {});
