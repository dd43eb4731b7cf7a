import { plainText, textLimits } from './untrusted';

/** Languages the core writes its messages in (Tinyforge ships both). */
export type Locale = 'en' | 'ru';

const english = {
  yamlSyntax: 'YAML syntax error: {0}',
  forbiddenCharacter: 'YAML syntax error: the character U+{0} is not allowed in a YAML file',
  unresolvedAlias: "YAML syntax error: the alias *{0} has no anchor &{0} before it",
  recursiveAlias: 'YAML syntax error: the alias *{0} refers to the node that holds its own anchor',
  nestingTooDeep: 'YAML syntax error: collections nest too deeply here to be read',
  invalidUtf8: 'The file is not valid UTF-8: byte 0x{0} here does not start or continue a character, so Tinyforge rejects the file',
  duplicateKey: 'Duplicate key "{0}": Tinyforge rejects a file that repeats a key',
  multipleDocuments: 'A .tinyforge.yml holds one YAML document; this second one makes Tinyforge reject the file',
  fileTooLarge: 'The file is {0} bytes; Tinyforge refuses files over 65,536 bytes (64 KiB)',
  missingRequired: 'Missing required key "{0}"',
  missingVersion: 'Missing required key "version": add version: 1',
  invalidVersion: 'version must be the integer 1, not {0}',
  versionEmpty: 'version has no value; it must be the integer 1',
  unknownKey: 'Unknown key "{0}"',
  unknownKeySuggestion: 'Unknown key "{0}". Did you mean "{1}"?',
  unknownKeyRoot: 'Unknown key "{0}": the top level accepts only version and deploy',
  rootNotMapping: 'The file must be a mapping with version and deploy, not {0}',
  expectedType: '{0} must be {1}, not {2}',
  emptyValue: '{0} has no value; it must be {1}',
  outOfRangeMin: '{0} must be at least {1}',
  outOfRangeMax: '{0} must be at most {1}',
  exclusiveMin: '{0} must be greater than {1}',
  emptyString: '{0} must not be empty',
  notInEnum: '{0} must be one of {1}',
  typeObject: 'a mapping',
  typeInteger: 'an integer',
  typeNumber: 'a number',
  typeString: 'a string',
  typeNull: 'empty',
  typeBoolean: 'a boolean',
  typeArray: 'a list',
  typeFloat: 'a number with a fraction',
  typeInfinity: 'infinity or not-a-number',
  fixRename: 'Rename "{0}" to "{1}"',
  fixRemove: 'Remove unknown key "{0}"',
  fixRemoveNotManaged: 'Remove "{0}" (Sync ignores it)',
  fixSetVersion: 'Set version to 1',
  fixInsertVersion: 'Add version: 1',
  fixAll: 'Fix all Tinyforge problems that have a safe fix',
  fixUseLive: 'Use the live value ({0}) in this file',
  fixUseLiveUnset: 'Remove {0} from this file: the live workload does not set it',
  fixUseLiveAll: 'Use the live values of all {0} drifted fields in this file',
  createdFromLive: 'Created from the live config of {0} ({1}) on {2}: managed fields only. Commit and push it; until then Sync has nothing to apply.',
  liveConfigHeader: 'Live config of {0} ({1}), managed fields only, fetched {2}',
  notManaged: '{0} is not managed for {1} workloads: Sync ignores it',
  driftValue: '{0} is {1} here but {2} on the live workload {3}',
  driftMissingLive: '{0} is {1} here but not set on the live workload {2}',
  hoverWorkload: 'Workload **{0}** ({1}) · GitOps status: **{2}**',
  hoverEditor: 'Editor',
  hoverBranch: 'Branch {0} @ {1}',
  hoverBranchUnknown: 'Branch {0} (not fetched)',
  hoverLive: 'Live',
  hoverNotDeclared: 'not declared',
  hoverNotSet: 'not set',
  hoverLastSync: 'Last sync: {0} (commit {1}) · fetched {2}',
  hoverNeverSynced: 'Never synced · fetched {0}',
  hoverNotManaged: 'Not managed for {0} workloads: Sync ignores it.',
  syncAction: 'Sync workload {0} from {1}@{2}',
  docsDefault: 'Default: {0}',
  docsValues: 'Values: {0}',
  docsExamples: 'Examples: {0}',
  docsDefaultValue: '{0} (default)',
  snippetDeployBlock: 'deploy block',
  snippetWholeFile: 'Tinyforge file (version 1)',
  snippetWholeFileDetail: 'version: 1 with a deploy block',
  snippetWholeFileDocs: 'A complete `.tinyforge.yml` to start from.',
} as const;

/** The identifier of one message template. */
export type MessageId = keyof typeof english;

const russian: Record<MessageId, string> = {
  yamlSyntax: 'Синтаксическая ошибка YAML: {0}',
  forbiddenCharacter: 'Синтаксическая ошибка YAML: символ U+{0} недопустим в файле YAML',
  unresolvedAlias: 'Синтаксическая ошибка YAML: перед ссылкой *{0} нет якоря &{0}',
  recursiveAlias: 'Синтаксическая ошибка YAML: ссылка *{0} указывает на узел, который содержит её собственный якорь',
  nestingTooDeep: 'Синтаксическая ошибка YAML: коллекции здесь вложены слишком глубоко, чтобы их прочитать',
  invalidUtf8: 'Файл не в кодировке UTF-8: байт 0x{0} здесь не начинает и не продолжает символ, поэтому Tinyforge отклонит файл',
  duplicateKey: 'Повторяющийся ключ «{0}»: Tinyforge отклоняет файл с повторяющимися ключами',
  multipleDocuments: 'В .tinyforge.yml должен быть один документ YAML; из-за второго документа Tinyforge отклонит файл',
  fileTooLarge: 'Размер файла {0} байт; Tinyforge не принимает файлы больше 65 536 байт (64 КиБ)',
  missingRequired: 'Нет обязательного ключа «{0}»',
  missingVersion: 'Нет обязательного ключа «version»: добавьте version: 1',
  invalidVersion: 'version должен быть целым числом 1, а не {0}',
  versionEmpty: 'У version нет значения; он должен быть целым числом 1',
  unknownKey: 'Неизвестный ключ «{0}»',
  unknownKeySuggestion: 'Неизвестный ключ «{0}». Возможно, вы имели в виду «{1}»?',
  unknownKeyRoot: 'Неизвестный ключ «{0}»: на верхнем уровне допустимы только version и deploy',
  rootNotMapping: 'Файл должен быть словарём с ключами version и deploy, а не {0}',
  expectedType: '{0} должен быть {1}, а не {2}',
  emptyValue: 'У {0} нет значения; он должен быть {1}',
  outOfRangeMin: '{0} должен быть не меньше {1}',
  outOfRangeMax: '{0} должен быть не больше {1}',
  exclusiveMin: '{0} должен быть больше {1}',
  emptyString: '{0} не должен быть пустым',
  notInEnum: '{0} должен быть одним из: {1}',
  typeObject: 'словарём',
  typeInteger: 'целым числом',
  typeNumber: 'числом',
  typeString: 'строкой',
  typeNull: 'пустым',
  typeBoolean: 'логическим значением',
  typeArray: 'списком',
  typeFloat: 'дробным числом',
  typeInfinity: 'бесконечностью или не-числом',
  fixRename: 'Переименовать «{0}» в «{1}»',
  fixRemove: 'Удалить неизвестный ключ «{0}»',
  fixRemoveNotManaged: 'Удалить «{0}» (синхронизация его пропускает)',
  fixSetVersion: 'Установить version: 1',
  fixInsertVersion: 'Добавить version: 1',
  fixAll: 'Исправить все проблемы Tinyforge, для которых есть безопасное исправление',
  fixUseLive: 'Взять рабочее значение ({0}) в этот файл',
  fixUseLiveUnset: 'Удалить {0} из этого файла: в рабочей нагрузке оно не задано',
  fixUseLiveAll: 'Взять рабочие значения всех расходящихся полей ({0}) в этот файл',
  createdFromLive: 'Создан из рабочей конфигурации {0} ({1}) {2}: только управляемые поля. Закоммитьте и отправьте его; до тех пор синхронизации нечего применять.',
  liveConfigHeader: 'Рабочая конфигурация {0} ({1}), только управляемые поля, получена {2}',
  notManaged: '{0} не управляется для нагрузок типа {1}: синхронизация его пропускает',
  driftValue: '{0} здесь равен {1}, а в рабочей нагрузке {3} — {2}',
  driftMissingLive: '{0} здесь равен {1}, а в рабочей нагрузке {2} не задан',
  hoverWorkload: 'Нагрузка **{0}** ({1}) · статус GitOps: **{2}**',
  hoverEditor: 'Редактор',
  hoverBranch: 'Ветка {0} @ {1}',
  hoverBranchUnknown: 'Ветка {0} (не получена)',
  hoverLive: 'Рабочая конфигурация',
  hoverNotDeclared: 'не задано',
  hoverNotSet: 'не задано',
  hoverLastSync: 'Последняя синхронизация: {0} (коммит {1}) · получено {2}',
  hoverNeverSynced: 'Синхронизаций не было · получено {0}',
  hoverNotManaged: 'Не управляется для нагрузок типа {0}: синхронизация его пропускает.',
  syncAction: 'Синхронизировать нагрузку {0} из {1}@{2}',
  docsDefault: 'По умолчанию: {0}',
  docsValues: 'Значения: {0}',
  docsExamples: 'Примеры: {0}',
  docsDefaultValue: '{0} (по умолчанию)',
  snippetDeployBlock: 'блок deploy',
  snippetWholeFile: 'Файл Tinyforge (версия 1)',
  snippetWholeFileDetail: 'version: 1 и блок deploy',
  snippetWholeFileDocs: 'Готовый `.tinyforge.yml`, с которого можно начать.',
};

const catalogs: Record<Locale, Record<MessageId, string>> = { en: english, ru: russian };

/** Every message template of a locale, for parity tests. */
export function messageCatalog(locale: Locale): Readonly<Record<MessageId, string>> {
  return catalogs[locale];
}

/** Fills a message template; `{0}`, `{1}`… are replaced by the arguments in order. */
export function formatMessage(locale: Locale, id: MessageId, ...args: Array<string | number>): string {
  const template = catalogs[locale][id] ?? english[id];
  // An argument may be the file's own text (a quoted key can hold an escape sequence): shown, never acted on.
  return template.replace(/\{(\d+)\}/g, (_, index: string) => plainText(String(args[Number(index)] ?? ''), textLimits.message));
}

/** Picks the supported locale for a VS Code / POSIX locale string such as `ru-RU`. */
export function toLocale(value: string | undefined): Locale {
  return value?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}
