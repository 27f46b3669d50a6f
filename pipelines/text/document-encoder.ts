/**
 * One record's text, read once, for both uses of the reading pass: the kept-word ids of `title. abstract` for the
 * vocabulary (`WordEncoder`) and, for the word index, the surface-word ids of the title and of the abstract, each
 * normalized on its own as the index defines (`SurfaceWordEncoder`). Most texts are plain ASCII that normalizing
 * leaves as is (`isPlainText`); those are lower-cased once and not normalized twice. Most of the others have a plain
 * title: their abstract is normalized once.
 *
 * Surface layout of one record in `surface`: the number of title words, then the title's word ids, then the
 * abstract's.
 */
import { isPlainText, normalizeText } from './normalize.ts';
import { CachedStemmer } from './stem.ts';
import { SurfaceWordEncoder } from './surface-word-encoder.ts';
import { isScanAscii, WordEncoder, type IntBuffer } from './word-encoder.ts';

export class DocumentEncoder {
  readonly words: WordEncoder;
  readonly surfaces: SurfaceWordEncoder;

  constructor() {
    const stemmer = new CachedStemmer();
    this.surfaces = new SurfaceWordEncoder(stemmer);
    this.words = new WordEncoder({ stemmer, surfaceWords: this.surfaces });
  }

  /**
   * Appends the kept-word ids of `title. abstract` to `words` and, when `surface` is given, the record's surface
   * words (layout above) to it.
   */
  encode(title: string, abstract: string, words: IntBuffer, surface: IntBuffer | null): void {
    if (!isPlainText(title)) {
      this.words.encode(`${title}. ${abstract}`, words);
      if (surface !== null) {
        this.#encodeSurface(normalizeText(title).toLowerCase(), normalizeText(abstract).toLowerCase(), surface);
      }
      return;
    }
    // A plain title joined to any abstract normalizes as the title joined to the normalized abstract (nothing that
    // normalizing changes starts in the title or reaches back across ". "; tests/pipelines/text/normalize.test.ts):
    // the abstract is normalized once for both uses.
    const lowerTitle = title.toLowerCase();
    const lowerAbstract = (isPlainText(abstract) ? abstract : normalizeText(abstract)).toLowerCase();
    const lower = `${lowerTitle}. ${lowerAbstract}`;
    if (surface === null) {
      this.words.encodeLower(lower, words);
    } else if (isScanAscii(lower)) {
      // One scan for both: surface words are the letter-and-digit runs of the kept-word encoder's raw tokens.
      const countAt = surface.length;
      surface.push(0);
      const titleWords = this.words.encodeAsciiWithSurface(lower, words, surface, lowerTitle.length);
      surface.data[countAt] = titleWords;
    } else {
      this.words.encodeLower(lower, words);
      this.#encodeSurface(lowerTitle, lowerAbstract, surface);
    }
  }

  #encodeSurface(lowerTitle: string, lowerAbstract: string, out: IntBuffer): void {
    const countAt = out.length;
    out.push(0);
    // Not `out.data[countAt] = encode(...)`: that would write into the array `encode` may have outgrown.
    const titleWords = this.surfaces.encode(lowerTitle, out);
    out.data[countAt] = titleWords;
    this.surfaces.encode(lowerAbstract, out);
  }
}
