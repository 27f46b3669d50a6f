/** How a topic's label terms are joined into its label ("reward · rl · reinforcement learning"). */
export const LABEL_SEPARATOR = ' · ';
