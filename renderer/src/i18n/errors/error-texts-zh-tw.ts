import type { ErrorTexts } from './error-text.js';

/** 繁體中文 texts by error code (placeholders as in error-texts-en.ts). */
export const errorTextsZhTW: ErrorTexts = {
  'config-invalid': {
    message: '設定無法使用。',
    hint: '請修改設定（下方英文詳情說明了問題和位置），然後儲存。',
  },
  'secret-missing': {
    message: '設定檔 "{profile}" 沒有可用的金鑰。',
    hint: '請在「憑證」中重新輸入 "{profile}" 的金鑰（或執行 `ferry secret set {profile}`）。',
  },
  'keychain-unavailable': {
    message: '無法使用系統鑰匙圈。',
    hint: '在 Linux 上，Ferry 需要已解鎖工作階段中的 Secret Service（gnome-keyring 或 KWallet）；沒有時，請透過環境變數 {variable} 提供金鑰。',
  },
  'sts-invalid-request': {
    message: 'STS 拒絕了設定檔 "{profile}" 的權杖請求（HTTP {status} {stsCode}）。',
    hint: '請檢查 durationSeconds（{durationSeconds}）、工作階段名稱和自訂原則是否符合服務商的要求。',
  },
  'sts-denied': {
    message: 'STS 拒絕了設定檔 "{profile}" 的存取金鑰 {accessKeyId}（HTTP {status} {stsCode}）。',
    hint: '請為 "{profile}" 儲存正確的金鑰，檢查存取金鑰，並確認角色信任此使用者。',
  },
  'sts-role-not-found': {
    message: 'STS 中沒有角色 {roleArn}（HTTP {status} {stsCode}）。',
    hint: '請對照服務商主控台中的角色檢查 credentials.roleArn。',
  },
  'sts-unreachable': {
    message: '無法連線設定檔 "{profile}" 的 STS（{endpoint}，{detail}）。',
    hint: '請檢查網路、Proxy 設定和 credentials.stsEndpoint。',
  },
  'sts-server-error': {
    message: '{endpoint} 的 STS 出錯或要求降低請求頻率（HTTP {status} {stsCode}）。',
    hint: 'Ferry 會稍後重試；除非問題持續，否則無需處理。',
  },
  'sts-bad-response': {
    message: 'STS 傳回了 Ferry 無法使用的內容。',
    hint: '請檢查 credentials.stsEndpoint：它可能指向的不是 STS 服務。',
  },
  'vendor-unauthorized': {
    message: '權杖服務拒絕了已儲存的裝置權杖。',
    hint: '請在「憑證」中重新輸入裝置權杖。',
  },
  'vendor-http-error': {
    message: '權杖服務傳回了錯誤。',
    hint: 'Ferry 會稍後重試；如果問題持續，請聯絡該服務的管理員。',
  },
  'vendor-unreachable': {
    message: '無法連線權杖服務。',
    hint: '請檢查網路、Proxy 設定和設定檔中的網址。',
  },
  'vendor-bad-response': {
    message: '權杖服務傳回了 Ferry 無法使用的內容。',
    hint: '請檢查設定檔中的網址：它必须以 JSON 傳回临時憑證。',
  },
  'vendor-expired-credentials': {
    message: '權杖服務發來的憑證已經過期。',
    hint: '請檢查本機時鐘，或申請有效期更長的權杖。',
  },
  'credentials-unavailable': {
    message: '目前無法取得有效的權杖。',
    hint: '請開啟「憑證」：其中說明了原因以及 Ferry 下次重試的時間。',
  },
  'policy-invalid': {
    message: '無法產生此資料夾的工作階段原則，或原則被拒絕。',
    hint: '請檢查資料夾的儲存貯體和前綴，以及設定檔的自訂原則。',
  },
  'auth-failed': {
    message: '儲存服務不接受這些憑證。',
    hint: '請重新整理憑證；如果問題持續，請檢查設定檔的端點和金鑰。',
  },
  'access-denied': {
    message: '儲存服務拒絕存取（{storeCode}），換用新憑證後仍被拒絕。（{action}）',
    hint: '角色原則或工作階段原則不允許對此物件鍵執行該操作。',
  },
  'not-found': {
    message: '儲存服務中沒有該物件或分段上傳（HTTP {status} {storeCode}）。（{action}）',
    hint: '它已被刪除；如有需要，Ferry 會重新開始上傳。',
  },
  'bad-digest': {
    message: '儲存服務收到的資料與其 MD5 不符（{storeCode}）。（{action}）',
    hint: '資料在傳輸中損壞，將重新傳送。',
  },
  'file-changed': {
    message: '檔案在 Ferry 讀取或上傳時發生了變化。',
    hint: '檔案不再變化後 Ferry 會重新上傳；拖放的檔案需要重新拖放。',
  },
  'file-vanished': {
    message: '無法讀取 {path}：檔案已不存在。',
    hint: '它已被移動或刪除；下次掃描時會發現這一變化。',
  },
  'file-unreadable': {
    message: '無法讀取 {path}。',
    hint: '請给執行 Ferry 的使用者讀取權限、檢查磁碟，或在 .ferryignore 中忽略它。',
  },
  'outside-folder': {
    message: '該路徑不在同步的資料夾内。',
    hint: '只上傳資料夾内的檔案；指向資料夾外的連結不會被跟隨。',
  },
  'invalid-name': {
    message: '名稱 {path} 不能用作物件鍵。',
    hint: '請重新命名該檔案（下方英文詳情說明了是哪個字元或哪一部分有問題）。',
  },
  conflict: {
    message: '遠端物件在 Ferry 上次查看後已被變更；沒有覆寫或刪除任何內容。',
    hint: '請比較兩個版本，然後再次同步。',
  },
  'watcher-failed': {
    message: 'Ferry 無法監看此資料夾的變化。',
    hint: '請檢查資料夾是否存在且可讀；在 Linux 上請調大 fs.inotify.max_user_watches。',
  },
  'journal-failed': {
    message: 'Ferry 的日誌庫（記錄已上傳內容）無法使用。',
    hint: '請檢查 Ferry 狀態目錄的磁碟空間和權限。',
  },
  network: {
    message: '無法連線儲存服務（{detail}）。（{action}）',
    hint: 'Ferry 會重試；如果問題持續，請檢查網路、代理和設定檔的端點。',
  },
  'clock-skewed': {
    message: '本機時鐘偏差 {seconds} 秒，服務器拒絕了簽章請求。（{action}）',
    hint: '請開啟自動校時（NTP / 網路時間）；更換憑證無濟於事。',
  },
  throttled: {
    message: '儲存服務要求降低請求頻率（HTTP {status} {storeCode}）。（{action}）',
    hint: 'Ferry 會稍後重試；除非問題持續，否則無需處理。',
  },
  'bucket-invalid': {
    message: '儲存服務不接受該儲存貯體名稱（{storeCode}）。（{action}）',
    hint: '請對照服務商的命名規則檢查資料夾的儲存貯體（以及設定檔的服務商）。',
  },
  'bucket-missing': {
    message: '儲存貯體不存在（{storeCode}）。（{action}）',
    hint: '請檢查資料夾的儲存貯體名稱，以及設定檔的端點和區域。',
  },
  'key-invalid': {
    message: '儲存服務不接受該物件名稱（{storeCode}）。（{action}）',
    hint: '請檢查資料夾的前綴以及服務商的物件命名規則。',
  },
  'server-error': {
    message: '儲存服務出錯或拒絕了請求（HTTP {status} {storeCode}）。（{action}）',
    hint: '在有用時 Ferry 會重試；如果問題持續，請查看儲存服務的狀態。',
  },
  'bad-request': {
    message: '請求無效。',
    hint: '請檢查輸入的內容；下方英文詳情說明了問題所在。',
  },
  unsupported: {
    message: '不支援此操作。',
    hint: '下方英文詳情說明了哪些不受支援以及替代做法。',
  },
  internal: {
    message: 'Ferry 內部出錯。',
    hint: '這是一個缺陷：請附上下方英文詳情和日志回報它。',
  },
  'folder-paused': {
    message: '資料夾 "{folder}" 已暫停，不接受上傳。',
    hint: '請先繼續該資料夾，再重新拖放檔案。',
  },
  'folder-blocked': {
    message: '資料夾 "{folder}" 未通過檢查，不接受上傳。',
    hint: '請解決其卡片上顯示的問題，點選「立即同步」，然後重新上傳檔案。',
  },
  'upload-too-large': {
    message: '{name} 大小為 {size} 位元組；ferry serve 每個檔案最多接受 {limit} 位元組。',
    hint: '請把大型檔案複製到同步資料夾中，或調高 --max-upload-bytes。',
  },
  'upload-busy': {
    message: '正在接收 {active} 個檔案；未接受 {name}。',
    hint: '等其他檔案傳完後再傳送一次。',
  },
  'staging-full': {
    message:
      '{name} 放不下：已有 {staged} 位元組等待上傳，而 ferry serve 最多暫存 {limit} 位元組。',
    hint: '等前面的檔案上傳完後再傳送，或調高 --max-staging-bytes。',
  },
  'upload-incomplete': {
    message: '{name} 的上傳不完整（收到 {received} / {expected} 位元組）。',
    hint: '頁面已關閉或連線中斷：請重新傳送該檔案。',
  },
};
