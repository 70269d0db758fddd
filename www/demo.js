// The demo article: an invented news story written for whosaid, so the page has something to
// show. It exercises direct and indirect quotes, a relay ("According to X, Y said"), a vague
// source, a quotation over several sentences, a headline and a byline.

/** The demo text shown by the "Demo article" button: paragraphs separated by blank lines. */
export const DEMO_TEXT = [
  "Harbour town votes to rebuild its flooded ferry pier",
  "By Tomasz Reyes, 2026-03-14",
  "The council of Port Alder voted on Tuesday to rebuild the ferry pier that was torn apart by the January storm, ending two months of argument over the town's busiest crossing.",
  "\"We cannot keep asking people to take a ninety-minute detour to reach the hospital,\" said Mayor Ingrid Solberg. \"The pier is not a luxury. It is how this town breathes.\"",
  "Solberg said the work would begin in May and should be finished before the autumn gales.",
  "The engineer in charge, Dev Malhotra, warned that the seabed had shifted during the storm. \"We found scour holes deeper than anyone expected,\" Malhotra said. He added that the new piles would be driven twice as deep as the old ones.",
  "According to the Alder Gazette, the harbour master, Rosa Lindqvist, said the temporary landing could handle only half of the usual traffic.",
  "Not everyone is convinced. Analysts say the budget of 4.2 million euros is likely to grow once the divers finish their survey.",
  "Councillor Peter Vance, who voted against the plan, said the town should first repair the coastal road. \"We are pouring money into the sea,\" he told reporters.",
  "The ferry company said in a statement that it would resume a full timetable as soon as the pier reopens. The first crossing of the day currently leaves at 6.40 a.m.",
].join('\n\n');
