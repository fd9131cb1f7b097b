// The question log's public surface, for the transports and start-up. No discord.js here.
export {
  openQuestionLog,
  entryFromAnswer,
  scheduleDailyPurge,
  disabledQuestionLog,
  type QuestionLog,
  type QuestionEntry,
  type StoredQuestion,
  type AskContext,
  type QuestionSource,
  type VoteValue,
} from './question-log.js';
export {
  buildReport,
  renderReportText,
  renderReportMarkdown,
  type Report,
  type ReportOptions,
} from './report.js';
