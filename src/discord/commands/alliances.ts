// /alliances [topic]: the knowledge base's facts grouped by topic (persona.yaml), each with its source.
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { langOfLocale } from '../../answer/lang.js';
import type { Answer, Brain } from '../../answer/types.js';
import type { Persona, Topic } from '../../knowledge/schema.js';
import { renderTopic, renderTopicOverview, type TopicGroup } from '../render.js';
import { USER_ERRORS, UserError } from '../text.js';
import { es } from './locales.js';
import type { SlashCommand } from './types.js';

/** The brain's facts grouped by topic (in persona.yaml's order), each answered in the user's language. */
function topicGroups(brain: Brain, locale: string, only?: Topic): TopicGroup[] {
  const facts = brain.facts();
  const lang = langOfLocale(locale);
  const topics = brain.persona.topics.filter((t) => !only || t.id === only);
  return topics.map(({ id: topic, ...label }) => ({
    topic,
    label: label[lang],
    answers: facts
      .filter((f) => f.topic === topic)
      .map((f) => brain.answerFact(f.id, { locale }))
      .filter((a): a is Answer => a !== null && a.answered),
  }));
}

/** Topic choices are the knowledge base's topics when the commands are registered. */
export const topicsCommand = (persona: Persona) =>
  ({
    kind: 'slash',
    data: {
      type: ApplicationCommandType.ChatInput,
      name: 'alliances',
      name_localizations: es('alianzas'),
      description: persona.messages.topicsDescription.en,
      description_localizations: es(persona.messages.topicsDescription.es),
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'topic',
          name_localizations: es('tema'),
          description: 'Only this topic',
          description_localizations: es('Solo este tema'),
          required: false,
          choices: persona.topics.slice(0, 25).map((t) => ({
            name: t.en,
            name_localizations: es(t.es),
            value: t.id,
          })),
        },
      ],
    },
    async execute(interaction, { brain }) {
      const lang = langOfLocale(interaction.locale);
      const topic = interaction.options.getString('topic');
      if (topic !== null && !brain.persona.topics.some((t) => t.id === topic))
        throw new UserError(USER_ERRORS.unknownTopic);
      const groups = topicGroups(brain, interaction.locale, topic ?? undefined);
      const [first] = groups;
      await interaction.reply(
        topic && first ? renderTopic(first, lang) : renderTopicOverview(groups, brain.persona.subject[lang]),
      );
    },
  }) as const satisfies SlashCommand;
