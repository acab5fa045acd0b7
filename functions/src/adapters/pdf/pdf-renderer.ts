// Prints documents (the meeting report, or any other on the shared page) to PDF with Chromium through
// puppeteer-core: one browser per renderer (the entry point makes one per process), launched on first
// use and reused, a fresh page per document. The next document's page is opened with the fonts already
// decoded while the process is idle, so a warm report costs only its own layout and printing.
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { AppError } from "../../app-error.ts";
import type { ReportModel } from "../../domain/report-model.ts";
import { type ChromiumChoice, chooseChromium } from "./find-chromium.ts";
import { documentShellHtml, type PrintedDocument, withFallbackFonts } from "./page-style.ts";
import { reportDocument } from "./report-html.ts";

export interface PdfRendererOptions {
  /** config.chromiumPath; see find-chromium.ts for the rule otherwise. */
  chromiumPath?: string;
  /** Which Chromium to launch (default: chooseChromium(chromiumPath)); tests pick each in turn. */
  chromium?: () => Promise<ChromiumChoice>;
}

export interface PdfRenderer {
  renderReport(model: ReportModel): Promise<Uint8Array>;
  renderDocument(doc: PrintedDocument): Promise<Uint8Array>;
  /** The Chromium launched (after the first document), e.g. "@sparticuz/chromium 138.0.2". */
  chromium(): ChromiumChoice | undefined;
  close(): Promise<void>;
}

// The sandbox needs user namespaces that containers and Cloud Run do not give; the page is trusted
// (our template, escaped values, a CSP, every network request aborted).
const DEFAULT_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--font-render-hinting=none"];

async function openShellPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  try {
    await page.setRequestInterception(true);
    // Fonts and styles are inline; anything else the page asks for is refused.
    page.on("request", (request) => {
      if (request.url().startsWith("data:")) void request.continue();
      else void request.abort("blockedbyclient");
    });
    await page.setContent(documentShellHtml(), { waitUntil: "load" });
    // @font-face fonts load when first used; load both weights of the text font now.
    await page.evaluate(() =>
      Promise.all([document.fonts.load('16pt "KBO Text"'), document.fonts.load('bold 16pt "KBO Text"')]).then(
        () => undefined,
      ),
    );
    return page;
  } catch (e) {
    await page.close().catch(() => {});
    throw e;
  }
}

async function printDocument(page: Page, doc: PrintedDocument): Promise<Uint8Array> {
  await page.evaluate((d: PrintedDocument) => {
    document.title = d.title;
    document.getElementById("doc-css")!.textContent = d.css;
    document.body.innerHTML = d.body;
    return document.fonts.ready.then(() => undefined);
  }, doc);
  // Untagged: a tagged PDF is twice the size and the text layer is the same.
  return page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: false });
}

export function createPdfRenderer(options: PdfRendererOptions = {}): PdfRenderer {
  let launching: Promise<Browser> | undefined;
  let spare: Promise<Page> | undefined;
  let chosen: ChromiumChoice | undefined;
  const choose = options.chromium ?? (() => chooseChromium(options.chromiumPath));
  const onExit = () => {
    void launching?.then((b) => b.process()?.kill("SIGKILL")).catch(() => {});
  };

  const browser = (): Promise<Browser> => {
    if (!launching) {
      const started = choose().then((choice) => {
        chosen = choice;
        return puppeteer
          .launch({
            executablePath: choice.executablePath,
            // @sparticuz/chromium is a headless shell build.
            headless: choice.source === "bundled" ? "shell" : true,
            args: [...new Set([...DEFAULT_ARGS, ...choice.args])],
          })
          .catch((cause: unknown) => {
            throw new AppError(
              "CHROMIUM_LAUNCH_FAILED",
              `เปิด Chromium ไม่ได้ / could not start Chromium (${choice.label})`,
              { cause },
            );
          });
      });
      started.catch(() => {
        if (launching === started) launching = undefined;
      });
      launching = started;
      void started
        .then((b) => {
          process.once("exit", onExit);
          // A crashed browser is replaced on the next report rather than failing every later one.
          b.once("disconnected", () => {
            if (launching === started) launching = undefined;
            spare = undefined;
            process.off("exit", onExit);
          });
        })
        .catch(() => {});
    }
    return launching;
  };

  const prepareSpare = () => {
    const next = browser().then(openShellPage);
    next.catch(() => {
      if (spare === next) spare = undefined;
    });
    spare = next;
  };

  const takePage = async (): Promise<Page> => {
    const ready = spare;
    spare = undefined;
    if (ready) {
      const page = await ready.catch(() => undefined);
      if (page && !page.isClosed()) return page;
    }
    return openShellPage(await browser());
  };

  const renderDocument = async (doc: PrintedDocument): Promise<Uint8Array> => {
    const page = await takePage();
    try {
      return await printDocument(page, withFallbackFonts(doc));
    } catch (cause) {
      throw new AppError("PDF_RENDER_FAILED", "สร้าง PDF ไม่ได้ / could not render the PDF", { cause });
    } finally {
      await page.close().catch(() => {});
      if (launching && !spare) prepareSpare();
    }
  };

  return {
    renderDocument,
    renderReport: (model) => renderDocument(reportDocument(model)),
    chromium: () => chosen,
    async close() {
      const pending = launching;
      const idle = spare;
      launching = undefined;
      spare = undefined;
      process.off("exit", onExit);
      await idle?.then((p) => p.close()).catch(() => {});
      if (pending) await (await pending.catch(() => undefined))?.close();
    },
  };
}
