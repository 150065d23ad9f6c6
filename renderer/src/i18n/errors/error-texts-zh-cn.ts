import type { ErrorTexts } from './error-text.js';

/** 简体中文 texts by error code (placeholders as in error-texts-en.ts). */
export const errorTextsZhCN: ErrorTexts = {
  'config-invalid': {
    message: '配置无法使用。',
    hint: '请修改配置（下方英文详情说明了问题和位置），然后保存。',
  },
  'secret-missing': {
    message: '存储配置 "{profile}" 没有可用的密钥。',
    hint: '请在“凭证”中重新输入 "{profile}" 的密钥（或运行 `ferry secret set {profile}`）。',
  },
  'keychain-unavailable': {
    message: '无法使用系统钥匙串。',
    hint: '在 Linux 上，Ferry 需要已解锁会话中的 Secret Service（gnome-keyring 或 KWallet）；没有时，请通过环境变量 {variable} 提供密钥。',
  },
  'sts-invalid-request': {
    message: 'STS 拒绝了存储配置 "{profile}" 的令牌请求（HTTP {status} {stsCode}）。',
    hint: '请检查 durationSeconds（{durationSeconds}）、会话名称和自定义策略是否符合服务商的要求。',
  },
  'sts-denied': {
    message: 'STS 拒绝了存储配置 "{profile}" 的访问密钥 {accessKeyId}（HTTP {status} {stsCode}）。',
    hint: '请为 "{profile}" 保存正确的密钥，检查访问密钥，并确认角色信任此用户。',
  },
  'sts-role-not-found': {
    message: 'STS 中没有角色 {roleArn}（HTTP {status} {stsCode}）。',
    hint: '请对照服务商控制台中的角色检查 credentials.roleArn。',
  },
  'sts-unreachable': {
    message: '无法连接存储配置 "{profile}" 的 STS（{endpoint}，{detail}）。',
    hint: '请检查网络、代理设置和 credentials.stsEndpoint。',
  },
  'sts-server-error': {
    message: '{endpoint} 的 STS 出错或要求降低请求频率（HTTP {status} {stsCode}）。',
    hint: 'Ferry 会稍后重试；除非问题持续，否则无需处理。',
  },
  'sts-bad-response': {
    message: 'STS 返回了 Ferry 无法使用的内容。',
    hint: '请检查 credentials.stsEndpoint：它可能指向的不是 STS 服务。',
  },
  'vendor-unauthorized': {
    message: '令牌服务拒绝了已保存的设备令牌。',
    hint: '请在“凭证”中重新输入设备令牌。',
  },
  'vendor-http-error': {
    message: '令牌服务返回了错误。',
    hint: 'Ferry 会稍后重试；如果问题持续，请联系该服务的管理员。',
  },
  'vendor-unreachable': {
    message: '无法连接令牌服务。',
    hint: '请检查网络、代理设置和存储配置中的网址。',
  },
  'vendor-bad-response': {
    message: '令牌服务返回了 Ferry 无法使用的内容。',
    hint: '请检查存储配置中的网址：它必须以 JSON 返回临时凭证。',
  },
  'vendor-expired-credentials': {
    message: '令牌服务发来的凭证已经过期。',
    hint: '请检查本机时钟，或申请有效期更长的令牌。',
  },
  'credentials-unavailable': {
    message: '目前无法获取有效的令牌。',
    hint: '请打开“凭证”：其中说明了原因以及 Ferry 下次重试的时间。',
  },
  'policy-invalid': {
    message: '无法生成此文件夹的会话策略，或策略被拒绝。',
    hint: '请检查文件夹的存储桶和前缀，以及存储配置的自定义策略。',
  },
  'auth-failed': {
    message: '存储服务不接受这些凭证。',
    hint: '请刷新凭证；如果问题持续，请检查存储配置的端点和密钥。',
  },
  'access-denied': {
    message: '存储服务拒绝访问（{storeCode}），换用新凭证后仍被拒绝。（{action}）',
    hint: '角色策略或会话策略不允许对此对象键执行该操作。',
  },
  'not-found': {
    message: '存储服务中没有该对象或分片上传（HTTP {status} {storeCode}）。（{action}）',
    hint: '它已被删除；如有需要，Ferry 会重新开始上传。',
  },
  'bad-digest': {
    message: '存储服务收到的数据与其 MD5 不符（{storeCode}）。（{action}）',
    hint: '数据在传输中损坏，将重新发送。',
  },
  'file-changed': {
    message: '文件在 Ferry 读取或上传时发生了变化。',
    hint: '文件不再变化后 Ferry 会重新上传；拖放的文件需要重新拖放。',
  },
  'file-vanished': {
    message: '无法读取 {path}：文件已不存在。',
    hint: '它已被移动或删除；下次扫描时会发现这一变化。',
  },
  'file-unreadable': {
    message: '无法读取 {path}。',
    hint: '请给运行 Ferry 的用户读取权限、检查磁盘，或在 .ferryignore 中忽略它。',
  },
  'outside-folder': {
    message: '该路径不在同步的文件夹内。',
    hint: '只上传文件夹内的文件；指向文件夹外的链接不会被跟随。',
  },
  'invalid-name': {
    message: '名称 {path} 不能用作对象键。',
    hint: '请重命名该文件（下方英文详情说明了是哪个字符或哪一部分有问题）。',
  },
  conflict: {
    message: '远程对象在 Ferry 上次查看后已被更改；没有覆盖或删除任何内容。',
    hint: '请比较两个版本，然后再次同步。',
  },
  'watcher-failed': {
    message: 'Ferry 无法监视此文件夹的变化。',
    hint: '请检查文件夹是否存在且可读；在 Linux 上请调大 fs.inotify.max_user_watches。',
  },
  'journal-failed': {
    message: 'Ferry 的日志库（记录已上传内容）无法使用。',
    hint: '请检查 Ferry 状态目录的磁盘空间和权限。',
  },
  network: {
    message: '无法连接存储服务（{detail}）。（{action}）',
    hint: 'Ferry 会重试；如果问题持续，请检查网络、代理和存储配置的端点。',
  },
  'clock-skewed': {
    message: '本机时钟偏差 {seconds} 秒，服务器拒绝了签名请求。（{action}）',
    hint: '请开启自动校时（NTP / 网络时间）；更换凭证无济于事。',
  },
  throttled: {
    message: '存储服务要求降低请求频率（HTTP {status} {storeCode}）。（{action}）',
    hint: 'Ferry 会稍后重试；除非问题持续，否则无需处理。',
  },
  'bucket-invalid': {
    message: '存储服务不接受该存储桶名称（{storeCode}）。（{action}）',
    hint: '请对照服务商的命名规则检查文件夹的存储桶（以及存储配置的服务商）。',
  },
  'bucket-missing': {
    message: '存储桶不存在（{storeCode}）。（{action}）',
    hint: '请检查文件夹的存储桶名称，以及存储配置的端点和区域。',
  },
  'key-invalid': {
    message: '存储服务不接受该对象名称（{storeCode}）。（{action}）',
    hint: '请检查文件夹的前缀以及服务商的对象命名规则。',
  },
  'server-error': {
    message: '存储服务出错或拒绝了请求（HTTP {status} {storeCode}）。（{action}）',
    hint: '在有用时 Ferry 会重试；如果问题持续，请查看存储服务的状态。',
  },
  'bad-request': {
    message: '请求无效。',
    hint: '请检查输入的内容；下方英文详情说明了问题所在。',
  },
  unsupported: {
    message: '不支持此操作。',
    hint: '下方英文详情说明了哪些不受支持以及替代做法。',
  },
  internal: {
    message: 'Ferry 内部出错。',
    hint: '这是一个缺陷：请附上下方英文详情和日志报告它。',
  },
  'folder-paused': {
    message: '文件夹 "{folder}" 已暂停，不接受上传。',
    hint: '请先恢复该文件夹，再重新拖放文件。',
  },
  'folder-blocked': {
    message: '文件夹 "{folder}" 未通过检查，不接受上传。',
    hint: '请解决其卡片上显示的问题，点击“立即同步”，然后重新上传文件。',
  },
  'upload-too-large': {
    message: '{name} 大小为 {size} 字节；ferry serve 每个文件最多接受 {limit} 字节。',
    hint: '请把大文件复制到同步文件夹中，或调高 --max-upload-bytes。',
  },
  'upload-busy': {
    message: '正在接收 {active} 个文件；未接受 {name}。',
    hint: '等其他文件传完后再发送一次。',
  },
  'staging-full': {
    message: '{name} 放不下：已有 {staged} 字节等待上传，而 ferry serve 最多暂存 {limit} 字节。',
    hint: '等前面的文件上传完后再发送，或调高 --max-staging-bytes。',
  },
  'upload-incomplete': {
    message: '{name} 的上传不完整（收到 {received} / {expected} 字节）。',
    hint: '页面已关闭或连接中断：请重新发送该文件。',
  },
};
