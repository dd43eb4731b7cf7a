import type { Locale } from '../../core/src/index';

/** Every sentence `tinyforge-lint` prints itself (findings come from the core's catalog); one type keeps both languages complete. */
export interface CliMessages {
  usage: string;
  summary(errors: number, warnings: number, files: number): string;
  summaryWithDrift(errors: number, warnings: number, drifted: number, workload: string, files: number): string;
  cannotRead(path: string, reason: string): string;
  cannotReadLive(reason: string): string;
  needsToken: string;
  noFilesUnder(directory: string): string;
  badFormat(value: string | undefined): string;
  needsValue(option: string): string;
  unknownOption(option: string): string;
  urlWithWorkload: string;
  urlNotHttp(url: string): string;
  readingStdin: string;
}

/** A count and its noun in English's two forms (Russian puts the count after a colon: no agreement needed). */
const count = (n: number, one: string, other: string): string => `${n} ${n === 1 ? one : other}`;

const english: CliMessages = {
  usage: `Usage: tinyforge-lint [options] [paths...]

Checks .tinyforge.yml files against the Tinyforge v1 schema, with the same rules as the editor.
A path may be a file (checked whatever its name) or a directory (searched for .tinyforge.yml
and .tinyforge.yaml, skipping node_modules and .git). With no path, the current directory.
A path of - reads one file from standard input.

Options:
  --format text|json|sarif   output format (default text: path:line:col severity code message)
  --url URL --workload ID    also report drift against that workload's live config and the fields
                             its source does not manage; the token comes from TINYFORGE_TOKEN
  --ca-file PEM              a CA to trust for the Tinyforge server (self-signed instances)
  --stdin-filename PATH      the name to report the file read from - under (default <stdin>)
  --version                  print the version
  -h, --help                 print this help

Messages are in Russian when LC_ALL, LC_MESSAGES or LANG starts with "ru".
Exit codes: 0 no errors, 1 errors found, 2 bad usage, unreadable input or an unreachable server,
3 drift (and no error).`,
  summary: (errors, warnings, files) => `${count(errors, 'error', 'errors')}, ${count(warnings, 'warning', 'warnings')} in ${count(files, 'file', 'files')}`,
  summaryWithDrift: (errors, warnings, drifted, workload, files) =>
    `${count(errors, 'error', 'errors')}, ${count(warnings, 'warning', 'warnings')}, ${count(drifted, 'drifted field', 'drifted fields')} against ${workload} in ${count(files, 'file', 'files')}`,
  cannotRead: (path, reason) => `cannot read ${path} (${reason})`,
  cannotReadLive: (reason) => `cannot read the live config: ${reason}`,
  needsToken: '--url needs the token in the environment variable TINYFORGE_TOKEN',
  noFilesUnder: (directory) => `no .tinyforge.yml or .tinyforge.yaml under ${directory}`,
  badFormat: (value) => `--format must be text, json or sarif, not ${value === undefined ? 'nothing' : JSON.stringify(value)}`,
  needsValue: (option) => `${option} needs a value`,
  unknownOption: (option) => `unknown option ${option}`,
  urlWithWorkload: '--url and --workload go together',
  urlNotHttp: (url) => `--url must be an http(s) URL, not ${JSON.stringify(url)}`,
  readingStdin: 'reading the file from standard input; end it with Ctrl-D',
};

const russian: CliMessages = {
  usage: `Использование: tinyforge-lint [параметры] [пути...]

Проверяет файлы .tinyforge.yml по схеме Tinyforge v1 по тем же правилам, что и редактор.
Путь может быть файлом (проверяется при любом имени) или каталогом (в нём ищутся .tinyforge.yml
и .tinyforge.yaml, кроме node_modules и .git). Без пути проверяется текущий каталог.
Путь - читает один файл со стандартного ввода.

Параметры:
  --format text|json|sarif   формат вывода (по умолчанию text: путь:строка:столбец уровень код сообщение)
  --url URL --workload ID    также сообщить о расхождениях с рабочей конфигурацией этой нагрузки и о полях,
                             которыми её источник не управляет; токен берётся из TINYFORGE_TOKEN
  --ca-file PEM              центр сертификации для сервера Tinyforge (самоподписанные установки)
  --stdin-filename ПУТЬ      под каким именем сообщать о файле, прочитанном из - (по умолчанию <stdin>)
  --version                  показать версию
  -h, --help                 показать эту справку

Сообщения выводятся по-русски, если LC_ALL, LC_MESSAGES или LANG начинается с "ru".
Коды выхода: 0 ошибок нет, 1 найдены ошибки, 2 неверный вызов, нечитаемый файл или недоступный сервер,
3 расхождения (и ни одной ошибки).`,
  summary: (errors, warnings, files) => `ошибок: ${errors}, предупреждений: ${warnings}, файлов проверено: ${files}`,
  summaryWithDrift: (errors, warnings, drifted, workload, files) =>
    `ошибок: ${errors}, предупреждений: ${warnings}, полей расходится с ${workload}: ${drifted}, файлов проверено: ${files}`,
  cannotRead: (path, reason) => `не удаётся прочитать ${path} (${reason})`,
  cannotReadLive: (reason) => `не удаётся получить рабочую конфигурацию: ${reason}`,
  needsToken: 'для --url нужен токен в переменной окружения TINYFORGE_TOKEN',
  noFilesUnder: (directory) => `в ${directory} нет ни .tinyforge.yml, ни .tinyforge.yaml`,
  badFormat: (value) => `--format принимает text, json или sarif, а не ${value === undefined ? 'пустое значение' : JSON.stringify(value)}`,
  needsValue: (option) => `для ${option} нужно значение`,
  unknownOption: (option) => `неизвестный параметр ${option}`,
  urlWithWorkload: '--url и --workload указываются вместе',
  urlNotHttp: (url) => `--url должен быть адресом http(s), а не ${JSON.stringify(url)}`,
  readingStdin: 'файл читается со стандартного ввода; завершите ввод нажатием Ctrl-D',
};

/** The CLI's sentences in a language. */
export function cliMessages(locale: Locale): CliMessages {
  return locale === 'ru' ? russian : english;
}
