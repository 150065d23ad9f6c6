import type { ConfigIssueTexts } from './config-issue-texts.js';

/** 简体中文：配置问题（app/config/config-issue.ts），显示在对应字段旁。 */
export const configIssuesZhCN: ConfigIssueTexts = {
  'unknown-keys': '未知的键：{keys}',
  required: '必填',
  'wrong-type': '类型必须是 {expected}',
  'too-small': '不能小于 {minimum}',
  'too-big': '不能大于 {maximum}',
  'not-one-of': '必须是以下之一：{values}',
  'bad-id': '必须是 1–63 个字母、数字、“.”、“_”或“-”，并以字母或数字开头',
  'bad-url': '必须是 http:// 或 https:// 网址',
  'bad-role-arn':
    '格式应类似 arn:aws:iam::123456789012:role/Name（Ceph、天翼云：arn:aws:iam:::role/Name）',
  'bad-format': '格式不正确',
  'not-a-size': '“{value}”不是大小；请写成 8MiB、512KiB 或字节数',
  'size-out-of-range': '必须在 {minimum} 到 {maximum} 字节之间',
  'insecure-http':
    '用明文 http:// 连接其他机器会以未加密方式发送令牌；请使用 https://，或在此存储配置中允许 http',
  'prefix-required': '必填：存储桶内的键前缀，例如“backup/laptop/”；留空则同步到整个存储桶',
  'prefix-whole-bucket':
    '“{value}”等于整个存储桶；如果确实要用整个存储桶请留空，否则请写文件夹名，如“backup/”',
  'duplicate-profile': '存储配置 ID “{id}” 重复',
  'duplicate-folder': '文件夹 ID “{id}” 重复',
  'secret-variable-shared':
    '存储配置 “{other}” 和 “{id}” 会共用密钥环境变量 {variable}；请重命名其中一个',
  'unknown-profile': '没有 ID 为 “{profile}” 的存储配置（现有：{profiles}）',
  'oss-needs-aliyun-sts': 'OSS 需要阿里云 STS 令牌：请使用来源 aliyun-sts（或令牌服务）',
  'aliyun-sts-needs-oss':
    'aliyun-sts 令牌只适用于 OSS：请选择服务商 aliyun-oss，或使用 assume-role（服务商 {provider} 支持 {sources}）',
  'endpoint-required': '服务商 {provider} 必须填写，例如 {example}',
  'duration-above-provider-max': '{value} 超过 {maximum}，这是 {provider} STS 对任何角色允许的上限',
  'min-above-max': '不能大于 maxDurationSeconds',
  'duration-out-of-range':
    '{value} 不在 {minimum}–{maximum} 之间（如果服务商允许其他范围，请设置最小值和最大值）',
  other: '{detail}（英文原文）',
};
