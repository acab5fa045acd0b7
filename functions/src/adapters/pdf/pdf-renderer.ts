// Prints meeting reports to PDF with Chromium through puppeteer-core: one browser per renderer (the
// entry point makes one per process), launched on first use and reused, a fresh page per report.
// The next report's page is opened with the fonts already decoded while the process is idle, so a
// warm report costs only its own layout and printing.
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { AppError } from "../../app-error.ts";
import type { ReportModel } from "../../domain/report-model.ts";
import { findChromium } from "./find-chromium.ts";
import { type ReportContent, reportContent, reportShellHtml } from "./report-html.ts";

export interface PdfRendererOptions {
  /** config.chromiumPath; the system's Chromium otherwise. */
  chromiumPath?: string;
  /** Extra Chromium flags (e.g. @sparticuz/chromium's args when deployed). */
  args?: string[];
}

export interface PdfRenderer {
  renderReport(model: ReportModel): Promise<Uint8Array>;
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
    await page.setContent(reportShellHtml(), { waitUntil: "load" });
    // @font-face fonts load when first used; load both weights now.
    await page.evaluate(() =>
      Promise.all([document.fonts.load('16pt "Sarabun"'), document.fonts.load('bold 16pt "Sarabun"')]).then(
        () => undefined,
      ),
    );
    return page;
  } catch (e) {
    await page.close().catch(() => {});
    throw e;
  }
}

async function printContent(page: Page, content: ReportContent): Promise<Uint8Array> {
  await page.evaluate((c: ReportContent) => {
    document.title = c.title;
    document.getElementById("page-css")!.textContent = c.pageCss;
    document.body.innerHTML = c.body;
    return document.fonts.ready.then(() => undefined);
  }, content);
  // Untagged: a tagged PDF is twice the size and the text layer is the same.
  return page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: false });
}

export function createPdfRenderer(options: PdfRendererOptions = {}): PdfRenderer {
  let launching: Promise<Browser> | undefined;
  let spare: Promise<Page> | undefined;
  const onExit = () => {
    void launching?.then((b) => b.process()?.kill("SIGKILL")).catch(() => {});
  };

  const browser = (): Promise<Browser> => {
    if (!launching) {
      const executablePath = findChromium(options.chromiumPath);
      const started = puppeteer
        .launch({ executablePath, headless: true, args: [...DEFAULT_ARGS, ...(options.args ?? [])] })
        .catch((cause: unknown) => {
          launching = undefined;
          throw new AppError("CHROMIUM_LAUNCH_FAILED", "เปิด Chromium ไม่ได้ / could not start Chromium", {
            cause,
          });
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

  return {
    async renderReport(model) {
      const content = reportContent(model);
      const page = await takePage();
      try {
        return await printContent(page, content);
      } catch (cause) {
        throw new AppError("PDF_RENDER_FAILED", "สร้าง PDF ไม่ได้ / could not render the PDF", { cause });
      } finally {
        await page.close().catch(() => {});
        if (launching && !spare) prepareSpare();
      }
    },
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
