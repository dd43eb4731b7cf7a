import type { Locale } from '../../../core/src/index';
import { plainText } from '../../../core/src/untrusted';

// What the standalone server tells a user (window/showMessage, window/logMessage) about live data; English and Russian.
const english = {
  fetching: 'Tinyforge: live findings from {0}, refreshed every {1} s.',
  noToken: 'Tinyforge: live findings are off: {0} is set but no token is (set TINYFORGE_TOKEN in the editor\'s environment).',
  badUrl: 'Tinyforge: live findings are off: {0} is not an http(s) URL.',
  notInGit: 'Tinyforge: {0} is not in a git checkout, so it is bound to no workload.',
  noMatch: 'Tinyforge: no workload on {1} reads {0} (its repository remote, branch {2} and path {3} match none).',
  ambiguous: 'Tinyforge: several workloads on {1} read {0} ({2}); live findings are off for it.',
  linked: 'Tinyforge: {0} is the file of workload {1}.',
  failed: 'Tinyforge: no live data from {0}: {1}. Live findings are off until it answers.',
  recovered: 'Tinyforge: {0} answers again; live findings are back.',
  andMore: 'and {0} more',
  shuttingDown: 'the language server is shutting down, so requests still waiting were not sent',
} as const;

type MessageId = keyof typeof english;

const russian: Record<MessageId, string> = {
  fetching: 'Tinyforge: живые проверки по данным {0}, обновление каждые {1} с.',
  noToken: 'Tinyforge: живые проверки выключены: {0} задан, а токен нет (задайте TINYFORGE_TOKEN в окружении редактора).',
  badUrl: 'Tinyforge: живые проверки выключены: {0} — не адрес http(s).',
  notInGit: 'Tinyforge: {0} не в рабочей копии git, поэтому не связан ни с одной нагрузкой.',
  noMatch: 'Tinyforge: ни одна нагрузка на {1} не читает {0} (удалённый репозиторий, ветка {2} и путь {3} не совпадают ни с одной).',
  ambiguous: 'Tinyforge: {0} читают несколько нагрузок на {1} ({2}); живые проверки для него выключены.',
  linked: 'Tinyforge: {0} — файл нагрузки {1}.',
  failed: 'Tinyforge: нет живых данных с {0}: {1}. Живые проверки выключены, пока сервер не ответит.',
  recovered: 'Tinyforge: {0} снова отвечает; живые проверки вернулись.',
  andMore: 'и ещё {0}',
  shuttingDown: 'языковой сервер завершает работу, поэтому ожидавшие запросы не отправлены',
};

/** The catalogs, for the parity test. */
export const liveMessageCatalogs: Readonly<Record<Locale, Readonly<Record<MessageId, string>>>> = { en: english, ru: russian };

/** A live-data message in the user's language, `{n}` replaced by the n-th argument, shown as outside text (one line, capped). */
export function liveMessage(locale: Locale, id: MessageId, ...args: Array<string | number>): string {
  return liveMessageCatalogs[locale][id].replace(/\{(\d+)\}/g, (whole, index: string) => (args[Number(index)] === undefined ? whole : plainText(String(args[Number(index)]))));
}
