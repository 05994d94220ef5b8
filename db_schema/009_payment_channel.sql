-- Tận Tay laptop schema, version 9: a payment keeps how that month's money came (PROTOCOL
-- revision 7). A benefit's channel changes when a person moves from cash to an account; the
-- months before stay counted under the channel they were received by. Payments recorded before
-- this version have none and are counted under their benefit's channel, as before.
ALTER TABLE payment ADD COLUMN channel TEXT;
-- A month joined into its twin's (a merge found it recorded on both copies) points to the payment
-- it became, as a joined benefit does: the laptops that apply it ask the team lead about the
-- values that differ.
ALTER TABLE payment ADD COLUMN merged_into TEXT;
