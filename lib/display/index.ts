/** replab/display: the display protocol, formatters, display handles and progress bars. */
export { DISPLAY_SYMBOL, setDisplaySink, getDisplaySink, type MimeBundle, type DisplayOptions, type DisplaySink } from "./mime.js";
