/** replab/display: the display protocol, formatters, display handles and progress bars. */
export { DISPLAY_SYMBOL, setDisplaySink, getDisplaySink, type MimeBundle, type DisplayOptions, type DisplaySink } from "./mime.js";
export { formatValue, registerFormatter, plainText, type Formatter } from "./format.js";
export { display, type DisplayHandle, type DisplayCallOptions } from "./display.js";
export { progress, ProgressBar, progressText, progressHtml, type ProgressOptions, type ProgressState } from "./progress.js";
