/** The program's own messages: commander's parse errors as sdrs reports them (src/cli.ts usageMessage), the internal error. */
import type { Catalog } from '../index.js';

export const programMsg = {
  unknownOption: { en: 'unknown option {name}', zh: '未知选项 {name}' },
  optionNotRepeated: { en: '(not repeated: it does not look like an option name)', zh: '（未重复显示：它看起来不像选项名）' },
  valueNotRepeated: { en: ' (its value is not repeated)', zh: '（其值未重复显示）' },
  unknownCommand: { en: 'unknown command {name}', zh: '未知命令 {name}' },
  commandNotRepeated: { en: '(not repeated: it does not look like a command name)', zh: '（未重复显示：它看起来不像命令名）' },
  didYouMean: { en: ' (Did you mean {name}?)', zh: '（是否想输入 {name}？）' },
  didYouMeanOneOf: { en: ' (Did you mean one of {names}?)', zh: '（是否想输入以下之一：{names}？）' },
  invalidOptionValue: { en: "option '{flags}': invalid value '{value}'", zh: "选项 '{flags}'：无效的值 '{value}'" },
  invalidOptionValueHidden: { en: "option '{flags}': invalid value (not repeated)", zh: "选项 '{flags}'：无效的值（未重复显示）" },
  invalidArgumentValue: { en: "argument '{name}': invalid value '{value}'", zh: "参数 '{name}'：无效的值 '{value}'" },
  invalidArgumentValueHidden: { en: "argument '{name}': invalid value (not repeated)", zh: "参数 '{name}'：无效的值（未重复显示）" },
  invalidValue: { en: 'invalid value (not repeated)', zh: '无效的值（未重复显示）' },
  allowedChoices: { en: '. Allowed choices are {choices}.', zh: '。可选值：{choices}。' },
  missingArgument: { en: "missing required argument '{name}'", zh: "缺少必需的参数 '{name}'" },
  optionMissingArgument: { en: "option '{flags}' argument missing", zh: "选项 '{flags}' 缺少值" },
  missingMandatoryOption: { en: "required option '{flags}' not specified", zh: "未指定必需的选项 '{flags}'" },
  excessArguments: {
    en: 'too many arguments{forCommand}. Expected {expected} arguments but got {got}.',
    zh: '参数过多{forCommand}：应为 {expected} 个，实际为 {got} 个。',
  },
  excessArgumentsOne: {
    en: 'too many arguments{forCommand}. Expected 1 argument but got {got}.',
    zh: '参数过多{forCommand}：应为 1 个，实际为 {got} 个。',
  },
  forCommand: { en: " for '{name}'", zh: "（命令 '{name}'）" },
  usageHint: { en: "Run 'sdrs --help' or 'sdrs <command> --help' for usage.", zh: "用法请运行 'sdrs --help' 或 'sdrs <command> --help'。" },
  refusedSecretKey: {
    en: 'sdrs never takes a secret key as a flag (shell history and the process list would keep it): use --secret-key-stdin, or HUAWEICLOUD_SDK_SK / HW_SECRET_KEY.',
    zh: 'sdrs 从不通过参数接收秘密访问密钥（shell 历史和进程列表会留下它）：请使用 --secret-key-stdin，或 HUAWEICLOUD_SDK_SK / HW_SECRET_KEY。',
  },
  internalError: { en: 'internal error: {message}', zh: '内部错误：{message}' },
  internalHint: { en: 'This is a bug in sdrs. Re-run with --debug and report it.', zh: '这是 sdrs 的缺陷。请加 --debug 重新运行并报告。' },
} as const satisfies Catalog;
