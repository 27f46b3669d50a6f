/**
 * Stop words, matched against the lower-case surface token before stemming (so inflected forms are listed
 * one by one: matching stems would also drop innocent words, e.g. Porter maps both "experiment" and
 * "experience" to "experi").
 *
 * English: natural's list (`natural/lib/natural/util/stopwords.js`, 170 entries incl. single letters) united
 * with scikit-learn's `ENGLISH_STOP_WORDS` (318, the Glasgow list) MINUS the content words of that list
 * that name topics in our corpora: sklearn's own docs warn the list "has several known issues", and
 * "system", "computer", "interest" (rates), "front" (Pareto front), "fire", "bill" are real topics here.
 */
import { words as naturalWords } from 'natural/lib/natural/util/stopwords.js';

/** sklearn 1.2.1 `ENGLISH_STOP_WORDS`, copied (sorted) so that no Python is needed at run time. */
const SKLEARN_ENGLISH =
  `a about above across after afterwards again against all almost alone along already also although
always am among amongst amoungst amount an and another any anyhow anyone anything anyway anywhere are around as at back
be became because become becomes becoming been before beforehand behind being below beside besides between beyond bill
both bottom but by call can cannot cant co con could couldnt cry de describe detail do done down due during each eg
eight either eleven else elsewhere empty enough etc even ever every everyone everything everywhere except few fifteen
fifty fill find fire first five for former formerly forty found four from front full further get give go had has
hasnt have he hence her here hereafter hereby herein hereupon hers herself him himself his how however hundred i ie
if in inc indeed interest into is it its itself keep last latter latterly least less ltd made many may me meanwhile
might mill mine more moreover most mostly move much must my myself name namely neither never nevertheless next nine
no nobody none noone nor not nothing now nowhere of off often on once one only onto or other others otherwise our
ours ourselves out over own part per perhaps please put rather re same see seem seemed seeming seems serious several
she should show side since sincere six sixty so some somehow someone something sometime sometimes somewhere still
such system take ten than that the their them themselves then thence there thereafter thereby therefore therein
thereupon these they thick thin third this those though three through throughout thru thus to together too top
toward towards twelve twenty two un under until up upon us very via was we well were what whatever when whence
whenever where whereafter whereas whereby wherein whereupon wherever whether which while whither who whoever whole
whom whose why will with within without would yet you your yours yourself yourselves`.split(/\s+/);

/** Topic words in sklearn's list that we keep. */
const SKLEARN_KEPT = new Set([
  'amount',
  'bill',
  'bottom',
  'computer',
  'detail',
  'empty',
  'fire',
  'front',
  'full',
  'interest',
  'mill',
  'name',
  'part',
  'side',
  'system',
  'thick',
  'thin',
  'top',
  'whole',
]);

/**
 * Words of the genre, not of the topic: how abstracts announce, evaluate and praise their contribution.
 * Deliberately NOT listed: corpus-frequent content words such as "model", "data", "learning", "network",
 * "task", "performance", "evaluation", "code", "key" (code generation, key exchange). They are topics in some corpora (and halves of bigrams such as "language model");
 * where they are near-universal, `maxDf` removes them per corpus, which a fixed list cannot do.
 * "art" is here because in abstracts it is almost always the tail of "state-of-the-art".
 */
export const ABSTRACT_STOP_WORDS: readonly string[] = [
  'paper',
  'papers',
  'article',
  'propose',
  'proposed',
  'proposes',
  'proposing',
  'present',
  'presents',
  'presented',
  'introduce',
  'introduces',
  'introduced',
  'result',
  'results',
  'resulting',
  'method',
  'methods',
  'approach',
  'approaches',
  'show',
  'shows',
  'showed',
  'shown',
  'showing',
  'demonstrate',
  'demonstrates',
  'demonstrated',
  'using',
  'use',
  'used',
  'uses',
  'based',
  'novel',
  'new',
  'also',
  'however',
  'study',
  'studies',
  'studied',
  'work',
  'works',
  'achieve',
  'achieves',
  'achieved',
  'achieving',
  'existing',
  'previous',
  'prior',
  'recent',
  'recently',
  'furthermore',
  'moreover',
  'additionally',
  'significantly',
  'significant',
  'outperform',
  'outperforms',
  'outperforming',
  'experiments',
  'experimental',
  'extensive',
  'effective',
  'effectiveness',
  'state-of-the-art',
  'art',
  'sota',
  'various',
  'different',
  'several',
  'well',
  'able',
  'via',
  'including',
  'provide',
  'provides',
  'provided',
  'investigate',
  'investigates',
  'investigated',
  'evaluate',
  'evaluated',
  'address',
  'addresses',
  'finally',
  'specifically',
  'particular',
  'particularly',
  'respectively',
  'given',
  'first',
  'obtain',
  'obtained',
  'compared',
  'improve',
  'improves',
  'improved',
  'improving',
  'available',
  'github',
  'com',
  'http',
  'https',
  'et',
  'al',
  'etc',
  'eg',
  'ie',
];

export const ENGLISH_STOP_WORDS: readonly string[] = [
  ...new Set([...naturalWords, ...SKLEARN_ENGLISH.filter((word) => !SKLEARN_KEPT.has(word))]),
].sort();

/** English and abstract-genre stop words, plus `extra` (e.g. from a `--stop-words` option). */
export function stopWordSet(extra: readonly string[] = []): ReadonlySet<string> {
  return new Set([...ENGLISH_STOP_WORDS, ...ABSTRACT_STOP_WORDS, ...extra.map((word) => word.toLowerCase())]);
}
