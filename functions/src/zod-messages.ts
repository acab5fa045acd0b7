// zod/mini carries no messages of its own ("Invalid input" for everything): the English locale, once,
// for the configuration and request-body errors operators and Apps Script developers read.
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";

z.config(en());
