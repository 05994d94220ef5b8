-- Tận Tay laptop schema, version 9: a payment keeps how that month's money came (PROTOCOL
-- revision 7). A benefit's channel changes when a person moves from cash to an account; the
-- months before stay counted under the channel they were received by. Payments recorded before
-- this version have none and are counted under their benefit's channel, as before.
ALTER TABLE payment ADD COLUMN channel TEXT;
