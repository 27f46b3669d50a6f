// Types for the natural submodules imported one by one: `import 'natural'` loads every storage backend
// (dotenv, pg, redis, mongoose) and takes ~0.5 s; the two files we need load in ~20 ms.

declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}

declare module 'natural/lib/natural/tokenizers/regexp_tokenizer.js' {
  export class RegexpTokenizer {
    constructor(options: { pattern: RegExp; gaps?: boolean });
    tokenize(text: string): string[];
  }
}

declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: readonly string[];
}
