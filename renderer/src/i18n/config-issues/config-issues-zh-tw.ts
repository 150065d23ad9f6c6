import type { ConfigIssueTexts } from './config-issue-texts.js';

/** 繁體中文：設定問題（app/config/config-issue.ts），顯示在對應欄位旁。 */
export const configIssuesZhTW: ConfigIssueTexts = {
  'unknown-keys': '未知的鍵：{keys}',
  required: '必填',
  'wrong-type': '類型必須是 {expected}',
  'too-small': '不能小於 {minimum}',
  'too-big': '不能大於 {maximum}',
  'not-one-of': '必須是下列之一：{values}',
  'bad-id': '必須是 1–63 個字母、數字、「.」、「_」或「-」，並以字母或數字開頭',
  'bad-url': '必須是 http:// 或 https:// 網址',
  'bad-role-arn':
    '格式應類似 arn:aws:iam::123456789012:role/Name（Ceph、天翼雲：arn:aws:iam:::role/Name）',
  'bad-format': '格式不正確',
  'not-a-size': '「{value}」不是大小；請寫成 8MiB、512KiB 或位元組數',
  'size-out-of-range': '必須介於 {minimum} 到 {maximum} 位元組之間',
  'insecure-http':
    '以明文 http:// 連線其他機器會以未加密方式傳送權杖；請使用 https://，或在此設定檔中允許 http',
  'prefix-required': '必填：儲存貯體內的鍵前綴，例如「backup/laptop/」；留空則同步到整個儲存貯體',
  'prefix-whole-bucket':
    '「{value}」等於整個儲存貯體；如果確實要用整個儲存貯體請留空，否則請寫資料夾名稱，如「backup/」',
  'duplicate-profile': '設定檔 ID「{id}」重複',
  'duplicate-folder': '資料夾 ID「{id}」重複',
  'secret-variable-shared':
    '設定檔「{other}」和「{id}」會共用密鑰環境變數 {variable}；請重新命名其中一個',
  'unknown-profile': '沒有 ID 為「{profile}」的設定檔（現有：{profiles}）',
  'oss-needs-aliyun-sts': 'OSS 需要阿里雲 STS 權杖：請使用來源 aliyun-sts（或權杖服務）',
  'aliyun-sts-needs-oss':
    'aliyun-sts 權杖只適用於 OSS：請選擇服務商 aliyun-oss，或使用 assume-role（服務商 {provider} 支援 {sources}）',
  'endpoint-required': '服務商 {provider} 必須填寫，例如 {example}',
  'duration-above-provider-max': '{value} 超過 {maximum}，這是 {provider} STS 對任何角色允許的上限',
  'min-above-max': '不能大於 maxDurationSeconds',
  'duration-out-of-range':
    '{value} 不在 {minimum}–{maximum} 之間（如果服務商允許其他範圍，請設定最小值和最大值）',
  other: '{detail}（英文原文）',
};
