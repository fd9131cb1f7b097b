// /alliances [topic]: Mexico's alliances grouped by topic, each with its source.
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { Answer, Brain } from '../../answer/types.js';
import { TOPIC_LABELS, TOPICS, type Topic } from '../../knowledge/schema.js';
import { renderTopic, renderTopicOverview, type TopicGroup } from '../render.js';
import { USER_ERRORS, UserError, langOf } from '../text.js';
import { es } from './locales.js';
import type { SlashCommand } from './types.js';

function isTopic(value: string): value is Topic {
  return (TOPICS as readonly string[]).includes(value);
}

/** The brain's facts grouped by topic (in TOPICS order), each answered in the user's language. */
function topicGroups(brain: Brain, locale: string, only?: Topic): TopicGroup[] {
  const facts = brain.facts();
  return (only ? [only] : TOPICS).map((topic) => ({
    topic,
    answers: facts
      .filter((f) => f.topic === topic)
      .map((f) => brain.answerFact(f.id, { locale }))
      .filter((a): a is Answer => a !== null && a.answered),
  }));
}

export const alliances = {
  kind: 'slash',
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'alliances',
    name_localizations: es('alianzas'),
    description: "Mexico's international alliances, by topic",
    description_localizations: es('Las alianzas internacionales de México, por tema'),
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        name_localizations: es('tema'),
        description: 'Only this topic',
        description_localizations: es('Solo este tema'),
        required: false,
        choices: TOPICS.map((t) => ({
          name: TOPIC_LABELS[t].en,
          name_localizations: es(TOPIC_LABELS[t].es),
          value: t,
        })),
      },
    ],
  },
  async execute(interaction, { brain }) {
    const lang = langOf(interaction.locale);
    const topic = interaction.options.getString('topic');
    if (topic !== null && !isTopic(topic)) throw new UserError(USER_ERRORS.unknownTopic);
    const groups = topicGroups(brain, interaction.locale, topic ?? undefined);
    const [first] = groups;
    await interaction.reply(topic && first ? renderTopic(first, lang) : renderTopicOverview(groups, lang));
  },
} as const satisfies SlashCommand;
